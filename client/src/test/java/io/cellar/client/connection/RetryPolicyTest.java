package io.cellar.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.connection.RetryPolicy.Failure;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.MasterNotActiveException;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.RegionMovedException;
import io.cellar.common.exceptions.RegionTooBusyException;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.exceptions.UnknownScannerException;
import io.cellar.common.exceptions.WrongRegionException;
import io.cellar.common.rpc.CallTimeoutException;
import io.cellar.common.rpc.ConnectionClosedException;
import io.cellar.common.rpc.RemoteException;
import io.cellar.common.rpc.ServerOverloadedException;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void requestErrorsAreNotRetried() {
    assertEquals(Failure.DO_NOT_RETRY, RetryPolicy.classify(new TableNotFoundException("t")));
    assertEquals(Failure.DO_NOT_RETRY,
        RetryPolicy.classify(new NoSuchColumnFamilyException("cf")));
    assertEquals(Failure.DO_NOT_RETRY, RetryPolicy.classify(new InvalidRequestException("x")));
    assertEquals(Failure.DO_NOT_RETRY, RetryPolicy.classify(new UnknownScannerException("s")));
    assertEquals(Failure.DO_NOT_RETRY,
        RetryPolicy.classify(new RemoteException("java.lang.NullPointerException", "", true)));
    assertEquals(Failure.DO_NOT_RETRY, RetryPolicy.classify(new IllegalArgumentException()));
    assertEquals(Failure.DO_NOT_RETRY, RetryPolicy.classify(new InterruptedIOException()));
  }

  @Test
  void staleLocationsAreLookedUpAgain() {
    assertEquals(Failure.RELOCATE, RetryPolicy.classify(new NotServingRegionException("r")));
    assertEquals(Failure.RELOCATE, RetryPolicy.classify(new RegionMovedException("r", "h:1")));
    assertEquals(Failure.RELOCATE, RetryPolicy.classify(new WrongRegionException("r")));
    assertEquals(Failure.RELOCATE, RetryPolicy.classify(new CallTimeoutException("slow")));
  }

  @Test
  void unreachableServersAreForgotten() {
    assertEquals(Failure.SERVER_GONE,
        RetryPolicy.classify(new ConnectionClosedException("refused")));
  }

  @Test
  void transientErrorsAreRetriedInPlace() {
    assertEquals(Failure.RETRY, RetryPolicy.classify(new RegionTooBusyException("busy")));
    assertEquals(Failure.RETRY, RetryPolicy.classify(new ServerOverloadedException("full")));
    assertEquals(Failure.RETRY, RetryPolicy.classify(new MasterNotActiveException("backup")));
    assertEquals(Failure.RETRY,
        RetryPolicy.classify(new RemoteException("some.Remote", "", false)));
    assertEquals(Failure.RETRY, RetryPolicy.classify(new CellarException("io")));
  }

  @Test
  void backoffFollowsTheTable() {
    RetryPolicy p = new RetryPolicy(100, 15);
    long[] expected = {100, 200, 300, 500, 1000, 2000, 4000, 10000, 10000, 10000, 10000,
        20000, 20000, 20000};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], p.backoffMs(i + 1), "after failure " + (i + 1));
    }
  }

  @Test
  void pausesCarryAtMostOnePercentJitter() {
    RetryPolicy p = new RetryPolicy(100, 15);
    for (int failures = 1; failures <= 10; failures++) {
      long base = p.backoffMs(failures);
      for (int k = 0; k < 50; k++) {
        long pause = p.nextPauseMs(failures, Long.MAX_VALUE);
        assertTrue(pause >= base && pause <= base + base / 100, failures + ": " + pause);
      }
    }
  }

  @Test
  void givesUpAfterTheRetriesOrTheDeadline() {
    RetryPolicy p = new RetryPolicy(100, 3);
    assertTrue(p.nextPauseMs(3, 60_000) > 0);
    assertEquals(-1, p.nextPauseMs(4, 60_000), "4 failures = 3 retries used");
    assertEquals(-1, p.nextPauseMs(2, 150), "a 200 ms pause would pass the deadline");
    assertEquals(-1, p.nextPauseMs(1, 0));
    assertEquals(-1, new RetryPolicy(100, 0).nextPauseMs(1, 60_000), "no retries at all");
    assertEquals(-1, p.nextPauseMs(1, 150, 100), "only ~50 ms would be left for the attempt");
    assertTrue(p.nextPauseMs(1, 250, 100) >= 100);
    assertEquals(3000, RetryPolicy.minAttemptMs(60_000));
  }
}
