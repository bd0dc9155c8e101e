package uk.schooldata.approvals.workflow;

/**
 * What the processes' task titles have in common: they fit Camunda's column (255 characters), take one line, and
 * two priorities, so that special-category work comes first in Tasklist.
 */
public final class TaskTitles {

	public static final int NORMAL = 50;

	public static final int URGENT = 75;

	/** Camunda's task name and description columns. */
	private static final int LIMIT = 255;

	private TaskTitles() {
	}

	public static String fit(String text) {
		return text.length() <= LIMIT ? text : text.substring(0, LIMIT - 1).stripTrailing() + "…";
	}

	public static String oneLine(String text) {
		return text == null ? "" : text.replaceAll("\\s+", " ").strip();
	}
}
