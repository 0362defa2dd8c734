package org.sparrow.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sparrow.thrift.TPlacementPreference;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskSpec;
import org.sparrow.thrift.TUserGroupInfo;

/** A job request through Thrift's binary protocol, as frontends send it, m tasks of sleep. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerializationBenchmark {

  @Param({"1", "8", "100"})
  int tasks;

  private TSerializer serializer;
  private TDeserializer deserializer;
  private TSchedulingRequest request;
  private byte[] bytes;

  @Setup
  public void setup() throws TException {
    serializer = new TSerializer(new TBinaryProtocol.Factory());
    deserializer = new TDeserializer(new TBinaryProtocol.Factory());
    List<TTaskSpec> specs = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      TTaskSpec t = new TTaskSpec("t" + i, new TPlacementPreference(List.of(), List.of(), 0),
          java.nio.ByteBuffer.wrap("100".getBytes(StandardCharsets.UTF_8)));
      t.setKind("sleep");
      specs.add(t);
    }
    request = new TSchedulingRequest("bench-app", specs, new TUserGroupInfo("user", "group", 0));
    request.setNotifyCompletion(true);
    request.setFrontendAddress("127.0.0.1:40000");
    bytes = serializer.serialize(request);
  }

  @Benchmark
  public byte[] serialize() throws TException {
    return serializer.serialize(request);
  }

  @Benchmark
  public TSchedulingRequest deserialize() throws TException {
    TSchedulingRequest r = new TSchedulingRequest();
    deserializer.deserialize(r, bytes);
    return r;
  }
}
