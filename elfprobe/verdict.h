/* SPDX-License-Identifier: MIT */
/* What `elfprobe verify` decides for one ELF file. */
#ifndef ELFPROBE_VERDICT_H
#define ELFPROBE_VERDICT_H

#include "host.h"
#include "probe.h"
#include "table.h"

#define VERDICT_MAX_MATCHES 16

enum verdict {
	VERDICT_OK,	   /* the kernel picks the expected target, or nothing as expected */
	VERDICT_UNMATCHED, /* a target was expected, nothing matches */
	VERDICT_WRONG,	   /* one entry matches, for another target (or for none expected) */
	VERDICT_AMBIGUOUS, /* several entries match: the pick depends on registration order */
};

struct verdict_detail {
	enum verdict verdict;
	const struct target *expected;	     /* NULL: the file should match nothing */
	size_t match_count;		     /* entries that match, all of them */
	size_t matches[VERDICT_MAX_MATCHES]; /* newest first: [0] is the kernel's pick */
};

/*
 * The target a file is expected to run as: the target row that fits its
 * class, data encoding, e_machine and (MIPS) e_flags; NULL for files no
 * qemu target runs, and with `host_native` for files of the host's family,
 * which the host runs itself.
 */
const struct target *verdict_expected(const struct probe_header *h, const struct host *host,
				      bool host_native);

void verdict_decide(const struct table *t, const struct probe_header *h, const char *path,
		    const struct target *expected, struct verdict_detail *d);

/* "ok", "unmatched", "wrong", "ambiguous". */
const char *verdict_name(enum verdict v);

#endif
