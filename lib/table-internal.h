/* SPDX-License-Identifier: MIT */
/* Shared by the table loaders (lib/table-*.c) only; not part of the API. */
#ifndef QBINFMT_TABLE_INTERNAL_H
#define QBINFMT_TABLE_INTERNAL_H

#include "table.h"

#include "files.h"
#include "quote.h"

/* Record a problem; past TABLE_MAX_PROBLEMS only count it. */
__attribute__((format(printf, 4, 5))) void table_problem(struct table *t, const char *source,
							 int line, const char *fmt, ...);

/* The problem for the file `name` of `folder` that dir_read_file() could
 * not read (error: -errno): its path is too long, or it cannot be read. */
void table_problem_unread(struct table *t, const char *folder, const char *path, const char *name,
			  int error);

/* Parse one register string with entry_parse() and append it; a bad one
 * becomes a problem quoting the text around the failing byte. */
void table_add_register_string(struct table *t, const char *source, int line, const char *text,
			       size_t len);

/* The problem for a register string entry_parse() refused. */
void table_problem_parse(struct table *t, const char *source, int line, const char *text,
			 size_t len, const struct entry_error *error);

/* What a folder's loader does with one of its files, read whole. */
typedef void (*table_file_parser)(struct table *t, const char *path, const char *name,
				  const char *text, size_t len);

/* Every file of `folder` that `keep` accepts, by name (strcmp), read
 * whole and handed to `parse`.  Folders and other files that are not
 * regular are skipped: a binfmt.d .conf linked to /dev/null masks the
 * file (systemd), update-binfmts imports regular files only.  What cannot
 * be read is a problem.  0, or -errno if the folder cannot be listed. */
int table_load_folder(struct table *t, const char *folder, bool (*keep)(const char *name),
		      table_file_parser parse);

int table_load_register_file(struct table *t, const char *path);
int table_load_binfmt_d(struct table *t, const char *folder);
int table_load_debian(struct table *t, const char *source);
int table_load_live(struct table *t, const char *folder);
int table_load_nix(struct table *t, const char *path);
int table_load_guix(struct table *t, const char *path);

#endif
