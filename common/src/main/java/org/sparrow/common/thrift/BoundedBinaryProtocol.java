package org.sparrow.common.thrift;

import java.nio.ByteBuffer;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TSet;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TTransportException;

/**
 * The binary protocol (strict write, lenient read: the original Sparrow's wire format) reading
 * one {@link FrameInput}, with what decoding may allocate bounded. Generated code sizes a
 * container from the count on the wire before reading an element, and libthrift's own check
 * counts a struct as 0 bytes, so a few bytes could claim millions of elements. Here every element
 * needs at least its smallest encoding in the bytes left (a struct: its stop byte), and every
 * container, struct, string and binary is charged to the frame's decode account, with estimates
 * of the objects it becomes.
 */
final class BoundedBinaryProtocol extends TBinaryProtocol {

  // Rough sizes of the objects decoding creates (object header, fields, references).
  private static final int STRUCT_COST = 48;
  private static final int CONTAINER_COST = 48;
  private static final int SLOT_COST = 8;
  private static final int MAP_ENTRY_COST = 40;
  private static final int STRING_COST = 48;

  private final FrameInput in;

  BoundedBinaryProtocol(FrameInput in) {
    super(in, in.remaining(), in.remaining(), false, true);
    this.in = in;
  }

  @Override
  public int getMinSerializedSize(byte type) throws TTransportException {
    if (type == TType.STRUCT) {
      return 1;  // the stop byte of an empty struct
    }
    return super.getMinSerializedSize(type);
  }

  @Override
  public TStruct readStructBegin() throws TException {
    in.charge(STRUCT_COST);
    return super.readStructBegin();
  }

  @Override
  public TList readListBegin() throws TException {
    TList list = super.readListBegin();
    in.charge(CONTAINER_COST + (long) SLOT_COST * list.size);
    return list;
  }

  @Override
  public TSet readSetBegin() throws TException {
    TSet set = super.readSetBegin();
    in.charge(CONTAINER_COST + (long) MAP_ENTRY_COST * set.size);
    return set;
  }

  @Override
  public TMap readMapBegin() throws TException {
    TMap map = super.readMapBegin();
    in.charge(CONTAINER_COST + (long) MAP_ENTRY_COST * map.size);
    return map;
  }

  @Override
  public String readString() throws TException {
    String s = super.readString();
    in.charge(STRING_COST + 2L * s.length());
    return s;
  }

  @Override
  public ByteBuffer readBinary() throws TException {
    ByteBuffer b = super.readBinary();
    in.charge(STRING_COST + (long) b.remaining());
    return b;
  }
}
