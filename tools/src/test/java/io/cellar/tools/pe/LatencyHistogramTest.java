package io.cellar.tools.pe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void smallValuesAreExact() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 100; v++) {
      h.record(v);
    }
    assertEquals(50, h.percentile(50));
    assertEquals(99, h.percentile(99));
    assertEquals(100, h.percentile(100));
    assertEquals(50.5, h.mean(), 1e-9);
    assertEquals(1, h.min());
    assertEquals(100, h.max());
  }

  @Test
  void percentilesOfRandomValuesAreWithinTheBucketPrecision() {
    Random rnd = new Random(42);
    long[] values = new long[100_000];
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) Math.exp(rnd.nextDouble() * Math.log(5e9)); // 1 ns .. 5 s, log-spread
      h.record(values[i]);
    }
    Arrays.sort(values);
    for (double p : new double[] {50, 90, 95, 99, 99.9, 100}) {
      long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
      long got = h.percentile(p);
      assertTrue(got >= exact, p + ": " + got + " < exact " + exact);
      assertTrue(got <= exact + exact / 64 + 1, p + ": " + got + " too far above " + exact);
    }
  }

  @Test
  void bucketEdgesCoverEveryValueOnce() {
    for (long v : new long[] {0, 1, 63, 64, 65, 127, 128, 129, 1000, 1023, 1024, 123_456_789L,
        Long.MAX_VALUE / 3, Long.MAX_VALUE}) {
      int i = LatencyHistogram.indexOf(v);
      assertTrue(LatencyHistogram.upperEdge(i) >= v, "upper edge below " + v);
      assertTrue(i == 0 || LatencyHistogram.upperEdge(i - 1) < v, "previous bucket holds " + v);
    }
  }

  @Test
  void addMergesCountsAndExtremes() {
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    a.record(10);
    a.record(20);
    b.record(5_000);
    a.add(b);
    assertEquals(3, a.count());
    assertEquals(10, a.min());
    assertEquals(5_000, a.max());
    assertEquals(20, a.percentile(66));
    assertEquals((10 + 20 + 5_000) / 3.0, a.mean(), 1e-9);
  }

  @Test
  void emptyAndBadInput() {
    LatencyHistogram h = new LatencyHistogram();
    assertEquals(0, h.percentile(99));
    assertEquals(0, h.mean());
    assertEquals(0, h.min());
    h.record(-5);
    assertEquals(0, h.max());
    assertThrows(IllegalArgumentException.class, () -> h.percentile(0));
    assertThrows(IllegalArgumentException.class, () -> h.percentile(101));
  }
}
