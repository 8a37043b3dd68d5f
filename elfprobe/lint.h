/* SPDX-License-Identifier: MIT */
/*
 * Findings about a table, decided from its entries alone (no binaries):
 * every kind is described in elfprobe(1), FINDINGS.
 */
#ifndef ELFPROBE_LINT_H
#define ELFPROBE_LINT_H

#include "host.h"
#include "table.h"

#include <stddef.h>

enum lint_severity {
	LINT_INFO,
	LINT_WARNING,
	LINT_ERROR,
};

enum lint_kind {
	LINT_INVALID,		 /* the loader refused the line: the kernel would */
	LINT_NEVER_MATCHES,	 /* no file can match it */
	LINT_CONTRADICTS_ELF,	 /* an ELF rule no ELF file satisfies */
	LINT_NO_EXECUTABLE,	 /* e_type admits neither ET_EXEC nor ET_DYN */
	LINT_REJECTS_PIE,	 /* ET_EXEC only */
	LINT_REJECTS_EXEC,	 /* ET_DYN only */
	LINT_REJECTS_SYSV_OSABI, /* EI_OSABI 0 refused */
	LINT_REJECTS_GNU_OSABI,	 /* EI_OSABI 3 refused, 0 accepted */
	LINT_REJECTS_OSABI,	 /* an EI_OSABI real binaries carry besides 0, 3 */
	LINT_REJECTS_ABIVERSION, /* an EI_ABIVERSION real binaries carry */
	LINT_REJECTS_E_FLAGS,	 /* e_flags real binaries carry */
	LINT_MASKED_BITS,	 /* magic bits under a zero mask: ignored */
	LINT_OLD_KERNEL,	 /* magic past byte 128 */
	LINT_LONG_INTERPRETER,	 /* interpreter of 128+ bytes */
	LINT_LOSES_ARGV0,	 /* an ELF entry without P */
	LINT_OVERLAP,		 /* some file matches two entries */
	LINT_SHADOWED,		 /* a later entry matches all its files */
	LINT_HOST,		 /* captures the host's own executables */
	LINT_HOST_FAMILY,	 /* captures what the host runs natively */
	LINT_WRONG_TARGET,	 /* named for one target, matches others */
	LINT_DISABLED,		 /* a live entry switched off */
	LINT_SWITCHED_OFF,	 /* binfmt_misc itself switched off */
	LINT_KIND_COUNT,
};

#define LINT_NO_ENTRY ((size_t)-1)

struct lint_finding {
	enum lint_severity severity;
	enum lint_kind kind;
	size_t entry;	    /* index into the table, or LINT_NO_ENTRY */
	size_t other;	    /* the other entry of a pair, or LINT_NO_ENTRY */
	const char *source; /* the entry's or problem's file (owned by the table) */
	int line;
	/* LINT_OVERLAP / LINT_SHADOWED: the first bytes of a file both entries
	 * match, as evidence (length 0 otherwise). */
	unsigned char example[BINFMT_HEADER_SIZE];
	size_t example_len;
	char message[1200];
	size_t order; /* when it was found: the last sort key */
};

struct lint_report {
	struct lint_finding *items;
	size_t count, capacity;
	size_t counts[LINT_ERROR + 1]; /* by severity */
	bool out_of_memory;
};

/* Run every check on the table (entries and load problems).  `host` may
 * have an unknown identity (host checks are then skipped).  Findings come
 * sorted by file and line; pairs are reported on the later entry. */
void lint_table(const struct table *t, const struct host *host, struct lint_report *report);
void lint_report_free(struct lint_report *report);

const char *lint_kind_name(enum lint_kind kind);
const char *lint_severity_name(enum lint_severity severity);

#endif
