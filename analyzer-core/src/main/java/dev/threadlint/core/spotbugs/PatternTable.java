package dev.threadlint.core.spotbugs;

import dev.threadlint.core.api.Category;
import java.util.Map;

/**
 * Where each SpotBugs MT_CORRECTNESS bug type sits in threadlint's catalogue: a category and a
 * defect class (the same vocabulary as {@code RuleInfo.defectClass}), used for reporting and for
 * de-duplication against threadlint's own findings. docs/spotbugs.md shows the same table. A type
 * not listed here (a pattern added by a later SpotBugs) is reported under
 * {@link Category#BYTECODE} with defect class {@link #UNMAPPED}, and never merged.
 */
public final class PatternTable {
  /** Defect class of a bug type without an entry. */
  public static final String UNMAPPED = "bytecode";

  /** A bug type's place in the catalogue. */
  public record Mapping(Category category, String defectClass) {}

  private static final Category STATE = Category.SHARED_MUTABLE_STATE;
  private static final Category ORDER = Category.LOCK_ORDERING;
  private static final Category DISCIPLINE = Category.LOCK_DISCIPLINE;

  private static final Map<String, Mapping> TABLE = Map.ofEntries(
      // shared mutable state
      e("IS2_INCONSISTENT_SYNC", STATE, "race"),
      e("IS_INCONSISTENT_SYNC", STATE, "race"),
      e("IS_FIELD_NOT_GUARDED", STATE, "race"),
      e("UG_SYNC_SET_UNSYNC_GET", STATE, "race"),
      e("MSF_MUTABLE_SERVLET_FIELD", STATE, "race"),
      e("SSD_DO_NOT_USE_INSTANCE_LOCK_ON_SHARED_STATIC_DATA", STATE, "race"),
      e("SP_SPIN_ON_FIELD", STATE, "race"),
      e("WS_WRITEOBJECT_SYNC", STATE, "race"),
      e("AT_NONATOMIC_64BIT_PRIMITIVE", STATE, "race"),
      e("AT_STALE_THREAD_WRITE_OF_PRIMITIVE", STATE, "race"),
      e("AT_UNSAFE_RESOURCE_ACCESS_IN_THREAD", STATE, "race"),
      e("VO_VOLATILE_REFERENCE_TO_ARRAY", STATE, "race"),
      e("AT_NONATOMIC_OPERATIONS_ON_SHARED_VARIABLE", STATE, "volatile-nonatomic"),
      e("VO_VOLATILE_INCREMENT", STATE, "volatile-nonatomic"),
      e("AT_OPERATION_SEQUENCE_ON_CONCURRENT_ABSTRACTION", STATE, "check-then-act"),
      e("RV_RETURN_VALUE_OF_PUTIFABSENT_IGNORED", STATE, "check-then-act"),
      e("LI_LAZY_INIT_STATIC", STATE, "check-then-act"),
      e("LI_LAZY_INIT_UPDATE_STATIC", STATE, "unsafe-publication"),
      e("SC_START_IN_CTOR", STATE, "unsafe-publication"),
      e("DC_DOUBLECHECK", STATE, "dcl"),
      e("DC_PARTIALLY_CONSTRUCTED", STATE, "dcl"),
      e("STCAL_STATIC_CALENDAR_INSTANCE", STATE, "static-formatter"),
      e("STCAL_STATIC_SIMPLE_DATE_FORMAT_INSTANCE", STATE, "static-formatter"),
      e("STCAL_INVOKE_ON_STATIC_CALENDAR_INSTANCE", STATE, "static-formatter"),
      e("STCAL_INVOKE_ON_STATIC_DATE_FORMAT_INSTANCE", STATE, "static-formatter"),
      // lock ordering
      e("TLW_TWO_LOCK_WAIT", ORDER, "deadlock"),
      // lock discipline
      e("DL_SYNCHRONIZATION_ON_BOOLEAN", DISCIPLINE, "bad-monitor"),
      e("DL_SYNCHRONIZATION_ON_BOXED_PRIMITIVE", DISCIPLINE, "bad-monitor"),
      e("DL_SYNCHRONIZATION_ON_UNSHARED_BOXED_PRIMITIVE", DISCIPLINE, "bad-monitor"),
      e("DL_SYNCHRONIZATION_ON_INTERNED_STRING", DISCIPLINE, "bad-monitor"),
      e("DL_SYNCHRONIZATION_ON_SHARED_CONSTANT", DISCIPLINE, "bad-monitor"),
      e("JLM_JSR166_LOCK_MONITORENTER", DISCIPLINE, "bad-monitor"),
      e("JLM_JSR166_UTILCONCURRENT_MONITORENTER", DISCIPLINE, "bad-monitor"),
      e("WL_USING_GETCLASS_RATHER_THAN_CLASS_LITERAL", DISCIPLINE, "bad-monitor"),
      e("ML_SYNC_ON_UPDATED_FIELD", DISCIPLINE, "bad-monitor"),
      e("ML_SYNC_ON_FIELD_TO_GUARD_CHANGING_THAT_FIELD", DISCIPLINE, "bad-monitor"),
      e("NP_SYNC_AND_NULL_CHECK_FIELD", DISCIPLINE, "bad-monitor"),
      e("UL_UNRELEASED_LOCK", DISCIPLINE, "unreleased-lock"),
      e("UL_UNRELEASED_LOCK_EXCEPTION_PATH", DISCIPLINE, "unreleased-lock"),
      e("CWO_CLOSED_WITHOUT_OPENED", DISCIPLINE, "unreleased-lock"),
      e("SWL_SLEEP_WITH_LOCK_HELD", DISCIPLINE, "blocking-under-lock"),
      e("WA_NOT_IN_LOOP", DISCIPLINE, "wait-notify"),
      e("WA_AWAIT_NOT_IN_LOOP", DISCIPLINE, "wait-notify"),
      e("UW_UNCOND_WAIT", DISCIPLINE, "wait-notify"),
      e("NN_NAKED_NOTIFY", DISCIPLINE, "wait-notify"),
      e("NO_NOTIFY_NOT_NOTIFYALL", DISCIPLINE, "wait-notify"),
      e("MWN_MISMATCHED_WAIT", DISCIPLINE, "wait-notify"),
      e("MWN_MISMATCHED_NOTIFY", DISCIPLINE, "wait-notify"),
      e("DM_MONITOR_WAIT_ON_CONDITION", DISCIPLINE, "wait-notify"),
      e("JML_JSR166_CALLING_WAIT_RATHER_THAN_AWAIT", DISCIPLINE, "wait-notify"),
      e("RU_INVOKE_RUN", DISCIPLINE, "thread-misuse"),
      e("DM_USELESS_THREAD", DISCIPLINE, "thread-misuse"),
      e("ESync_EMPTY_SYNC", DISCIPLINE, "thread-misuse"),
      e("RS_READOBJECT_SYNC", DISCIPLINE, "thread-misuse"));

  private PatternTable() {}

  private static Map.Entry<String, Mapping> e(String type, Category category, String defectClass) {
    return Map.entry(type, new Mapping(category, defectClass));
  }

  /** The mapping of a bug type; unlisted types map to {@link Category#BYTECODE} / {@link #UNMAPPED}. */
  public static Mapping of(String bugType) {
    return TABLE.getOrDefault(bugType, new Mapping(Category.BYTECODE, UNMAPPED));
  }

  public static boolean isMapped(String bugType) {
    return TABLE.containsKey(bugType);
  }

  /** All listed types with their mapping. */
  public static Map<String, Mapping> all() {
    return TABLE;
  }
}
