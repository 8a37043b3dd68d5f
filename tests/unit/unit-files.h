/* SPDX-License-Identifier: MIT */
/* Temporary files and folders for the unit tests that hand code a folder
 * (tables, walks) rather than mock the file system. */
#ifndef QBINFMT_UNIT_FILES_H
#define QBINFMT_UNIT_FILES_H

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* a/b into out; NULL if it does not fit. */
static inline const char *unit_join(char *out, size_t size, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la + 1 + lb >= size)
		return NULL;
	memmove(out, a, la);
	out[la] = '/';
	memcpy(out + la + 1, b, lb + 1);
	return out;
}

/* A fresh folder under $TMPDIR; the path is static storage. */
static inline const char *unit_tmpdir(void)
{
	static char path[PATH_MAX];
	const char *base = getenv("TMPDIR");

	if (!unit_join(path, sizeof(path), base && *base ? base : "/tmp", "qbinfmt-unit.XXXXXX"))
		return NULL;
	return mkdtemp(path);
}

/* folder/name with the given text; returns the path (static storage). */
static inline const char *unit_write(const char *folder, const char *name, const char *text)
{
	static char path[PATH_MAX];
	FILE *f;

	if (!unit_join(path, sizeof(path), folder, name))
		return NULL;
	f = fopen(path, "we");
	if (!f)
		return NULL;
	fputs(text, f);
	if (fclose(f) != 0)
		return NULL;
	return path;
}

static inline const char *unit_path(const char *folder, const char *name)
{
	static char path[PATH_MAX];
	return unit_join(path, sizeof(path), folder, name);
}

static inline int unit_remove_one(const char *path, const struct stat *st, int flag,
				  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void unit_remove_tree(const char *folder)
{
	nftw(folder, unit_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
