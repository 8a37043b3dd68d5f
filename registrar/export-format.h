/* SPDX-License-Identifier: MIT */
/* The files other tools consume: systemd binfmt.d, Debian binfmt-support
 * format files, plain register strings. */
#ifndef QBINFMT_EXPORT_FORMAT_H
#define QBINFMT_EXPORT_FORMAT_H

#include "entry.h"
#include "files.h"

#include <stdbool.h>
#include <stddef.h>

enum export_format { EXPORT_BINFMT_D, EXPORT_DEBIAN, EXPORT_REGISTER };

bool export_format_parse(const char *text, enum export_format *f);

/* The file's contents; -1 with why when the format cannot say it. */
int export_render(enum export_format f, const struct binfmt_entry *e, const char *comment,
		  char *buf, size_t size, char *why, size_t why_size);

/* "qbinfmt-aarch64.conf", "qbinfmt-aarch64", "qbinfmt-aarch64.register" */
void export_file_name(enum export_format f, const struct binfmt_entry *e, char *buf, size_t size);

#endif
