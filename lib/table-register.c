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

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	const char *end = text + len;
	int number = 0;

	for (const char *line = text; line < end;) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *stop = nl ? nl : end;
		const char *next = nl ? nl + 1 : end;

		number++;
		while (line < stop && is_space(*line))
			line++;
		while (stop > line && is_space(stop[-1]))
			stop--;
		if (line == text && stop - line >= 3 && !memcmp(line, UTF8_BOM, 3))
			table_problem(
			    t, source, number,
			    "starts with a UTF-8 byte order mark (\\xef\\xbb\\xbf), which "
			    "systemd-binfmt writes to the kernel with the line: the kernel "
			    "takes its first byte for the delimiter and refuses it; save the "
			    "file without it");
		else if (line < stop && *line != '#' && *line != ';')
			table_add_register_string(t, source, number, line, (size_t)(stop - line));
		line = next;
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

int table_load_binfmt_d(struct table *t, const char *folder)
{
	int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char **names;
	int count;

	if (fd < 0)
		return -errno;
	/* conf_files_list() order: by file name. */
	count = dir_sorted_names(fd, table_is_conf_name, &names);
	if (count < 0) {
		close(fd);
		return count;
	}
	for (int i = 0; i < count; i++) {
		char path[PATH_MAX];
		char *text;
		size_t len;
		int r;

		if (!path_join(path, sizeof(path), folder, names[i])) {
			table_problem(t, folder, 0, "path too long: %.64s", names[i]);
			continue;
		}
		r = file_read_all(fd, names[i], &text, &len);
		/* A .conf linked to /dev/null masks the file (systemd); folders
		 * and other non-regular files are skipped the same way. */
		if (r == -EINVAL || r == -EISDIR)
			continue;
		if (r < 0) {
			table_problem(t, path, 0, "cannot read: %s", strerror(-r));
			continue;
		}
		table_parse_register(t, path, text, len);
		free(text);
	}
	dir_names_free(names, count);
	close(fd);
	return 0;
}
