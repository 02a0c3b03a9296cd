package io.cellar.common.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.RegionMovedException;
import io.cellar.common.exceptions.RegionTooBusyException;
import io.cellar.common.proto.RemoteError;
import org.junit.jupiter.api.Test;

class RemoteErrorsTest {
  private static Exception roundTrip(Exception e) {
    return RemoteErrors.fromProto(RemoteErrors.toProto(e));
  }

  @Test
  void cellarTypesSurviveTheTrip() {
    Exception e = roundTrip(new NoSuchColumnFamilyException("no family cf9"));
    assertInstanceOf(NoSuchColumnFamilyException.class, e);
    assertEquals("no family cf9", e.getMessage());
    assertInstanceOf(RegionTooBusyException.class, roundTrip(new RegionTooBusyException("busy")));
    assertEquals(NotServingRegionException.class,
        roundTrip(new NotServingRegionException("r1")).getClass());
    assertInstanceOf(CallTimeoutException.class, roundTrip(new CallTimeoutException("late")));
  }

  @Test
  void regionMovedKeepsItsNewServer() {
    RegionMovedException moved = assertInstanceOf(RegionMovedException.class,
        roundTrip(new RegionMovedException("moved", "h9:16020")));
    assertEquals("h9:16020", moved.getNewServer());
    RegionMovedException unknown = assertInstanceOf(RegionMovedException.class,
        roundTrip(new RegionMovedException("moved", null)));
    assertNull(unknown.getNewServer());
  }

  @Test
  void retryFlagFollowsTheType() {
    assertTrue(RemoteErrors.toProto(new NoSuchColumnFamilyException("x")).getDoNotRetry());
    assertTrue(RemoteErrors.toProto(new IllegalArgumentException("bug")).getDoNotRetry());
    assertFalse(RemoteErrors.toProto(new RegionTooBusyException("x")).getDoNotRetry());
    assertFalse(RemoteErrors.toProto(new java.io.IOException("disk")).getDoNotRetry());
  }

  @Test
  void unknownOrForeignClassesBecomeRemoteException() {
    for (String name : new String[] {"com.example.Boom", "io.cellar.NoSuchClass",
        "io.cellar.common.Bytes", "java.lang.Thread", RemoteException.class.getName()}) {
      Exception e = RemoteErrors.fromProto(RemoteError.newBuilder().setClassName(name)
          .setMessage("m").setDoNotRetry(true).build());
      RemoteException r = assertInstanceOf(RemoteException.class, e, name);
      assertEquals(name, r.getClassName());
      assertTrue(r.isDoNotRetry());
    }
  }
}
