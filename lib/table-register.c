/* SPDX-License-Identifier: MIT */
/*
 * Register strings, one per line, as in a file of them or a systemd
 * binfmt.d .conf file; and binfmt.d folders.  The line rules are
 * systemd-binfmt's apply_file(): surrounding whitespace stripped, empty
 * lines and lines starting with '#' or ';' skipped, the rest written to
 * `register` as is.
 */
#include "table-internal.h"

#include "files.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

/* What some editors put first in a UTF-8 file; systemd-binfmt strips no
 * such thing (it is no WHITESPACE), so the first line starts with it. */
#define UTF8_BOM "\xef\xbb\xbf"

static bool is_space(char c)
{
	/* systemd's WHITESPACE: " \t\n\r" */
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void table_parse_register(struct table *t, const char *source, const char *text, size_t len)
{
	struct text_lines lines;
	const char *line;
	size_t line_len;

	text_lines_init(&lines, text, len);
	while (text_next_line(&lines, &line, &line_len)) {
		const char *stop = line + line_len;

		while (line < stop && is_space(*line))
			line++;
		while (stop > line && is_space(stop[-1]))
			stop--;
		if (line == text && stop - line >= 3 && !memcmp(line, UTF8_BOM, 3))
			table_problem(
			    t, source, lines.number,
			    "starts with a UTF-8 byte order mark (\\xef\\xbb\\xbf), which systemd-binfmt writes to the kernel with the line: the kernel takes its first byte for the delimiter and refuses it; save the file without it");
		else if (line < stop && *line != '#' && *line != ';')
			table_add_register_string(t, source, lines.number, line,
						  (size_t)(stop - line));
	}
}

bool table_is_conf_name(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".conf") == 0;
}

int table_load_register_file(struct table *t, const char *path)
{
	char *text;
	size_t len;
	int r = file_read_all(AT_FDCWD, path, &text, &len);

	if (r < 0)
		return r;
	table_parse_register(t, path, text, len);
	free(text);
	return 0;
}

static void parse_conf(struct table *t, const char *path, const char *name, const char *text,
		       size_t len)
{
	(void)name;
	table_parse_register(t, path, text, len);
}

int table_load_binfmt_d(struct table *t, const char *folder)
{
	/* conf_files_list() order: by file name. */
	return table_load_folder(t, folder, table_is_conf_name, parse_conf);
}
