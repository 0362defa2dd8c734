package org.sparrow.am;

/** The resources one container asks for. */
public record ContainerShape(int memoryMb, int vcores) {

  public ContainerShape {
    if (memoryMb < 1) {
      throw new IllegalArgumentException("container memory must be at least 1 MB, got " + memoryMb);
    }
    if (vcores < 1) {
      throw new IllegalArgumentException("container vcores must be at least 1, got " + vcores);
    }
  }

  /** This shape cut down to what the cluster can grant at most (YARN rejects larger asks). */
  public ContainerShape clampTo(ContainerShape maximum) {
    return new ContainerShape(Math.min(memoryMb, maximum.memoryMb), Math.min(vcores, maximum.vcores));
  }

  @Override
  public String toString() {
    return memoryMb + " MB, " + vcores + " vcores";
  }
}
