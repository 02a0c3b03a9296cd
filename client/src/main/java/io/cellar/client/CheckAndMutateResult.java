package io.cellar.client;

/**
 * The outcome of a {@link CheckAndMutate}: whether the condition held (and so the action was
 * applied), plus a Result (empty for Put/Delete/RowMutations actions).
 */
public final class CheckAndMutateResult {
  private final boolean success;
  private final Result result;

  public CheckAndMutateResult(boolean success, Result result) {
    this.success = success;
    this.result = result == null ? Result.EMPTY_RESULT : result;
  }

  public boolean isSuccess() {
    return success;
  }

  public Result getResult() {
    return result;
  }

  @Override
  public String toString() {
    return "CheckAndMutateResult{success=" + success + ", result=" + result + "}";
  }
}
