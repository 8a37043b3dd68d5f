/* SPDX-License-Identifier: MIT */
/* Words for a probed file shared by the commands' output, human and JSON. */
#ifndef ELFPROBE_DESCRIBE_H
#define ELFPROBE_DESCRIBE_H

#include "json.h"
#include "probe.h"
#include "table.h"

#include <stdio.h>

/* Header fields as text: "64", "lsb", "sysv", "exec", "aarch64"; unknown
 * values as their number.  `buf` holds the result when needed. */
const char *describe_class(const struct probe_header *h);
const char *describe_data(const struct probe_header *h);
const char *describe_osabi(const struct probe_header *h, char *buf, size_t size);
const char *describe_type(const struct probe_header *h, char *buf, size_t size);
const char *describe_machine(const struct probe_header *h, char *buf, size_t size);

/* "a, b, c" of the entries' names, from `first`; "-" for none. */
void describe_names(const struct table *t, const size_t *indices, size_t count, size_t first,
		    char *out, size_t size);

/* {"class":64,...} for an ELF header. */
void describe_json_elf(struct json *j, const struct probe_header *h);
/* [{"name":..,"source":..,"line":..},...] */
void describe_json_entries(struct json *j, const struct table *t, const size_t *indices,
			   size_t count);

/* An errno from probe_file() as words: "is a folder", "not a regular file"... */
const char *describe_error(int error);

#endif
