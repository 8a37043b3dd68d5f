/* SPDX-License-Identifier: MIT */
/* Small hand-made tables for the lint tests, and a fixed x86_64 host. */
#ifndef QBINFMT_UNIT_LINT_H
#define QBINFMT_UNIT_LINT_H

#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "elfprobe/lint.h"
#include "elf-samples.h"

/* ":NAME:M::MAGIC:MASK:/i:P" from hex digits ("" mask: none). */
static inline void unit_magic_line(char *out, size_t size, const char *name, const char *magic,
				   const char *mask)
{
	size_t used = (size_t)snprintf(out, size, ":%s:M::", name);
	for (const char *p = magic; p[0] && p[1]; p += 2)
		used += (size_t)snprintf(out + used, size - used, "\\x%.2s", p);
	used += (size_t)snprintf(out + used, size - used, ":");
	for (const char *p = mask; p[0] && p[1]; p += 2)
		used += (size_t)snprintf(out + used, size - used, "\\x%.2s", p);
	snprintf(out + used, size - used, ":/i:P\n");
}

static inline void unit_host(struct host *host, const char *target)
{
	memset(host, 0, sizeof(*host));
	snprintf(host->source, sizeof(host->source), "test-host");
	host->target = target_lookup(target);
	host->family = host->target->family;
	host->exe.kind = PROBE_ELF;
	host->exe.elf_class = host->target->elf_class;
	host->exe.elf_data = host->target->elf_data;
	host->exe.machine = host->target->machine;
	struct elf_sample usual = elf_sample_usual(host->target, ET_DYN, ELFOSABI_SYSV);
	host->exe.head_len = elf_sample_header(host->target, &usual, host->exe.head);
	host_elsewhere(host->target, &host->profile);
}

/* Lint `text` (register strings) as if on an x86_64 host. */
static inline void unit_lint(struct table *t, struct lint_report *r, const char *text)
{
	struct host host;
	unit_host(&host, "x86_64");
	table_init(t);
	table_parse_register(t, "t", text, strlen(text));
	lint_table(t, &host, r);
}

static inline size_t unit_count(const struct lint_report *r, enum lint_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < r->count; i++)
		n += r->items[i].kind == kind;
	return n;
}

/* The only finding of that kind; fails the test if there is not one. */
static inline const struct lint_finding *unit_only(const struct lint_report *r, enum lint_kind kind)
{
	const struct lint_finding *found = NULL;
	for (size_t i = 0; i < r->count; i++) {
		if (r->items[i].kind != kind)
			continue;
		if (found)
			return NULL;
		found = &r->items[i];
	}
	return found;
}

/* aarch64's rule from the target table, as hex, to start from. */
#define AARCH64_MAGIC "7f454c460201010000000000000000000200b700"
#define AARCH64_MASK  "fffffffffffffffc00fffffffffffffffeffffff"

#endif
