package org.sparrow.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

  @Test
  void parsesHostAndPort() {
    assertThat(HostPort.parse("127.0.0.1:20503")).isEqualTo(new HostPort("127.0.0.1", 20503));
    assertThat(HostPort.parse("[::1]:80").host()).isEqualTo("::1");
    assertThat(new HostPort("::1", 80).toString()).isEqualTo("[::1]:80");
  }

  @Test
  void namesWhatIsWrong() {
    assertThatThrownBy(() -> HostPort.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> HostPort.parse("host")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> HostPort.parse("host:x")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> HostPort.parse("host:70000")).hasMessageContaining("70000");
  }

  @Test
  void taskKindsValidateTheirArguments() {
    assertThat(TaskKind.parse("Sleep")).isEqualTo(TaskKind.SLEEP);
    assertThatThrownBy(() -> TaskKind.parse("teleport"))
        .hasMessageContaining("teleport").hasMessageContaining("noop, sleep, command, java");
    assertThatThrownBy(() -> TaskKind.SLEEP.validateArgument("soon".getBytes()))
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> TaskKind.COMMAND.validateArgument(new byte[0]))
        .hasMessageContaining("empty command");
  }
}
