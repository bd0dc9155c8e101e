package uk.schooldata.approvals.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.schooldata.approvals.audit.AuditEvent;
import uk.schooldata.approvals.audit.AuditEventType;

/**
 * CSV that a spreadsheet opens as text: RFC 4180 quoting, and OWASP's apostrophe before anything a spreadsheet would
 * read as a formula.
 */
class AuditCsvTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"plain text|plain text",
			"=1+1|'=1+1",
			"+44 20 7946 0000|'+44 20 7946 0000",
			"-2+3|'-2+3",
			"@SUM(A1)|'@SUM(A1)",
			"`\tTAB`|'\tTAB",
			"a, b|\"a, b\"",
			"say \"hi\"|\"say \"\"hi\"\"\"",
			"`two\nlines`|`\"two\nlines\"`",
			"`=HYPERLINK(\"http://evil\",\"x\")`|`\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"`",
			"a = b|a = b" })
	void escapesEveryValueASpreadsheetWouldMisread(String value, String cell) {
		assertThat(AuditCsv.cell(value)).isEqualTo(cell);
	}

	@Test
	void writesTheHeaderAndOneCrlfEndedRecordPerEventWithEmptyCellsForNothing() {
		StringWriter out = new StringWriter();
		AuditCsv csv = new AuditCsv(out);

		csv.header();
		csv.row(new AuditEvent(Instant.parse("2026-12-02T09:15:00Z"), AuditEventType.REQUEST_DECLINED,
				"admin@northfield.example", "100001", "demo-app", "Homework, every class", "r-1", "declined: school",
				null, "p-1"));

		assertThat(out).hasToString("time,type,actor,schoolUrn,appId,subject,subjectId,decision,reason,"
				+ "processInstanceId\r\n2026-12-02T09:15:00Z,REQUEST_DECLINED,admin@northfield.example,100001,demo-app,"
				+ "\"Homework, every class\",r-1,declined: school,,p-1\r\n");
	}
}
