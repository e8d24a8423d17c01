package dev.ticketloop.cli;

import java.io.PrintWriter;
import java.util.List;

/** Rows as aligned columns, the first row the heading. */
final class Tables {

	private Tables() {
	}

	static void print(PrintWriter out, List<String[]> rows) {
		int columns = rows.get(0).length;
		int[] widths = new int[columns];
		for (String[] row : rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], String.valueOf(row[i]).length());
			}
		}
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < columns; i++) {
				String cell = String.valueOf(row[i]);
				line.append(cell);
				if (i < columns - 1) {
					line.append(" ".repeat(widths[i] - cell.length() + 2));
				}
			}
			out.println(line.toString().stripTrailing());
		}
		out.flush();
	}

}
