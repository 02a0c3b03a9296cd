package io.cellar.tools.pe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Busy and stolen shares from two readings of /proc/stat's summed cpu line. */
class MachineCpuTest {
  @Test
  void usageIsTheShareOfEachKindOfTimeBetweenTwoReadings() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    MachineCpu before = MachineCpu.parse("cpu  1000 0 200 5000 100 0 50 10 0 0").orElseThrow();
    MachineCpu after = MachineCpu.parse("cpu  1600 0 300 5200 100 0 50 110 0 0").orElseThrow();
    MachineCpu.Usage u = after.since(before);
    // busy +700, idle +200, steal +100 of 1000 ticks
    assertEquals(70.0, u.busyPercent(), 1e-9);
    assertEquals(10.0, u.stealPercent(), 1e-9);
    assertEquals(new MachineCpu.Usage(0, 0), before.since(before)); // no time passed
  }

  @Test
  void anythingButTheSummedCpuLineIsNotParsed() {
    assertTrue(MachineCpu.parse("cpu0 1 2 3 4 5 6 7 8").isEmpty());
    assertTrue(MachineCpu.parse("cpu 1 2 3").isEmpty());
    assertTrue(MachineCpu.parse("cpu a b c d e f g h").isEmpty());
    assertTrue(MachineCpu.parse("").isEmpty());
  }

  @Test
  void thisMachineCanBeReadWhereProcStatExists() {
    if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) {
      MachineCpu now = MachineCpu.read().orElseThrow();
      assertTrue(now.busy() + now.idle() > 0);
    }
  }
}
