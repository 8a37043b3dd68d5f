/* SPDX-License-Identifier: MIT */
/* table_load(): which loader a source takes, above the loaders and the
 * container they fill. */
#include "table-internal.h"

#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int table_load_folder(struct table *t, const char *folder, bool (*keep)(const char *name),
		      table_file_parser parse)
{
	int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char **names;
	int count;

	if (fd < 0)
		return -errno;
	count = dir_sorted_names(fd, keep, &names);
	if (count < 0) {
		close(fd);
		return count;
	}
	for (int i = 0; i < count; i++) {
		char path[PATH_MAX];
		char *text;
		size_t len;
		int r = dir_read_file(fd, folder, names[i], path, sizeof(path), &text, &len);

		if (r == -EINVAL || r == -EISDIR)
			continue;
		if (r < 0) {
			table_problem_unread(t, folder, path, names[i], r);
			continue;
		}
		parse(t, path, names[i], text, len);
		free(text);
	}
	dir_names_free(names, count);
	close(fd);
	return 0;
}

static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), m = strlen(suffix);
	return n > m && strcmp(name + n - m, suffix) == 0;
}

bool table_kind_parse(const char *name, enum table_kind *kind)
{
	static const struct {
		const char *name;
		enum table_kind kind;
	} kinds[] = {
	    {"auto", TABLE_AUTO},     {"register", TABLE_REGISTER}, {"binfmt.d", TABLE_BINFMT_D},
	    {"debian", TABLE_DEBIAN}, {"live", TABLE_LIVE},	    {"nix", TABLE_NIX},
	    {"guix", TABLE_GUIX},
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(name, kinds[i].name) == 0) {
			*kind = kinds[i].kind;
			return true;
		}
	}
	return false;
}

int table_detect(const char *source, enum table_kind *kind)
{
	struct stat st;
	int fd;

	if (stat(source, &st) < 0)
		return -errno;
	if (S_ISREG(st.st_mode)) {
		*kind = has_suffix(source, ".nix")   ? TABLE_NIX
			: has_suffix(source, ".scm") ? TABLE_GUIX
						     : TABLE_REGISTER;
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return -EINVAL;
	fd = open(source, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (faccessat(fd, "register", F_OK, 0) == 0 && faccessat(fd, "status", F_OK, 0) == 0) {
		*kind = TABLE_LIVE;
	} else {
		char **names;
		int n = dir_sorted_names(fd, table_is_conf_name, &names);
		if (n < 0) {
			close(fd);
			return n;
		}
		dir_names_free(names, n);
		*kind = n > 0 ? TABLE_BINFMT_D : TABLE_DEBIAN;
	}
	close(fd);
	return 0;
}

int table_load(struct table *t, const char *source, enum table_kind kind)
{
	struct stat st;

	if (kind == TABLE_AUTO) {
		int r = table_detect(source, &kind);
		if (r < 0)
			return r;
	}
	switch (kind) {
	case TABLE_AUTO:
		break;
	case TABLE_REGISTER:
		return table_load_register_file(t, source);
	case TABLE_BINFMT_D:
		if (stat(source, &st) < 0)
			return -errno;
		return S_ISDIR(st.st_mode) ? table_load_binfmt_d(t, source)
					   : table_load_register_file(t, source);
	case TABLE_DEBIAN:
		return table_load_debian(t, source);
	case TABLE_LIVE:
		return table_load_live(t, source);
	case TABLE_NIX:
		return table_load_nix(t, source);
	case TABLE_GUIX:
		return table_load_guix(t, source);
	}
	return -EINVAL;
}
