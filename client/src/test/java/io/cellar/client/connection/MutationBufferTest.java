package io.cellar.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Delete;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.common.Bytes;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MutationBufferTest {
  private static Put put(int row, int valueBytes) {
    return new Put(Bytes.toBytes("row" + row)).addColumn(Bytes.toBytes("cf"),
        Bytes.toBytes("q"), new byte[valueBytes]);
  }

  @Test
  void asksForAFlushOnceTheThresholdIsReached() {
    Put p = put(0, 100);
    long one = p.heapSize();
    MutationBuffer b = new MutationBuffer(3 * one);
    assertFalse(b.add(put(1, 100)));
    assertFalse(b.add(put(2, 100)));
    assertEquals(2 * one, b.sizeBytes());
    assertTrue(b.add(put(3, 100)), "at the threshold");
    assertEquals(3, b.count());
  }

  @Test
  void drainHandsOverEverythingInOrder() {
    MutationBuffer b = new MutationBuffer(1 << 20);
    Put p1 = put(1, 10);
    Delete d = new Delete(Bytes.toBytes("row2"));
    Put p3 = put(3, 10);
    b.add(p1);
    b.add(d);
    b.add(p3);
    List<Mutation> out = b.drain();
    assertEquals(List.of(p1, d, p3), out);
    assertEquals(0, b.sizeBytes());
    assertEquals(0, b.count());
    assertTrue(b.drain().isEmpty());
    assertEquals(MutationBuffer.sizeOf(out), p1.heapSize() + d.heapSize() + p3.heapSize());
  }

  @Test
  void oneHugeMutationTriggersAFlushAlone() {
    MutationBuffer b = new MutationBuffer(1000);
    assertTrue(b.add(put(1, 5000)));
  }

  @Test
  void rejectsNonPositiveThresholds() {
    assertThrows(IllegalArgumentException.class, () -> new MutationBuffer(0));
    assertThrows(IllegalArgumentException.class, () -> new InFlightBytes(-1));
  }

  @Test
  void inFlightBytesLetOneOversizedBatchThroughWhenIdle() {
    InFlightBytes f = new InFlightBytes(100);
    assertTrue(f.tryAcquire(500), "nothing in flight: even an oversized batch may go");
    assertFalse(f.tryAcquire(1));
    f.release(500);
    assertEquals(0, f.inFlight());
    assertTrue(f.tryAcquire(60));
    assertTrue(f.tryAcquire(40));
    assertFalse(f.tryAcquire(1), "at the limit");
    f.release(40);
    assertTrue(f.tryAcquire(40));
  }

  @Test
  void acquireWaitsForARelease() throws Exception {
    InFlightBytes f = new InFlightBytes(100);
    f.acquire(100);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch acquired = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      started.countDown();
      try {
        f.acquire(50);
        acquired.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    started.await();
    assertEquals(1, acquired.getCount(), "blocked while 100 bytes are in flight");
    f.release(100);
    assertTrue(acquired.await(10, TimeUnit.SECONDS));
    assertEquals(50, f.inFlight());
    t.join();
  }
}
