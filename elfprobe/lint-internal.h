/* SPDX-License-Identifier: MIT */
/* Shared by the lint passes (lint-*.c). */
#ifndef ELFPROBE_LINT_INTERNAL_H
#define ELFPROBE_LINT_INTERNAL_H

#include "lint.h"

__attribute__((format(printf, 6, 7))) struct lint_finding *
lint_add(struct lint_report *r, const struct table *t, enum lint_severity severity,
	 enum lint_kind kind, size_t entry, const char *fmt, ...);

/* A magic rule at offset 0 whose magic spells "ELF" in bytes 1-3: meant
 * for ELF files, so the ELF checks apply. */
bool lint_targets_elf(const struct binfmt_entry *e);

void lint_entries(const struct table *t, struct lint_report *r);
void lint_pairs(const struct table *t, struct lint_report *r);
void lint_host(const struct table *t, const struct host *host, struct lint_report *r);
void lint_targets(const struct table *t, struct lint_report *r);
void lint_real_headers(const struct table *t, struct lint_report *r);

#endif
