/* SPDX-License-Identifier: MIT */
/* The host's own executables, as binfmt_misc would see them, the host's
 * family, and which targets the host runs itself: never emulated by
 * default.  This machine's answers are asked of its kernel
 * (exec-probe.h); another host's (--host) are stated or assumed. */
#ifndef QBINFMT_HOST_ELF_H
#define QBINFMT_HOST_ELF_H

#include "entry.h"
#include "targets.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct host_elf {
	unsigned char header[64]; /* the ELF header of /proc/self/exe */
	size_t len;
};

/* Read our own executable's header.  0, or -errno (-ENOEXEC: not ELF). */
int host_elf_read(struct host_elf *host);

/* Would the entry capture the host's own programs: any of the common
 * variants (ET_EXEC and ET_DYN, OSABI 0 and 3) of our own header? */
bool host_elf_captured_by(const struct host_elf *host, const struct binfmt_entry *entry);

/* The target our own executable is for (target_for_header()), or NULL. */
const struct target *host_elf_target(const struct host_elf *host);

/*
 * The host's family: that of the target its own executable is for
 * (exe_target, from the ELF header of /proc/self/exe or of the program
 * elfprobe --host-exe names), else that of `machine` (uname's) through the
 * table's names and aliases; NULL when neither is a target.  The header
 * comes first: it names the family whatever uname -m spells (sh4a,
 * armv5tejl), and it is what a 32-bit build on a 64-bit kernel runs as;
 * uname covers a missing /proc and an executable of no target (x32).
 */
const char *host_family(const struct target *exe_target, const char *machine);

/* host_family() of this process: /proc/self/exe's header and uname. */
const char *host_family_read(void);

/*
 * A host: this machine, or another one named (qbinfmt --host ARCH,
 * elfprobe --host-arch and --host-exe).  Its kernel runs its own target,
 * and may run other targets of its family (an x86_64 one i386, an arm64
 * one 32-bit arm where the CPU has AArch32 at EL0): those are the targets
 * it runs itself, never emulated by default.
 */
struct host_profile {
	const struct target *own; /* its own target; NULL: only its family is known */
	const char *family;	  /* NULL: unknown */
	bool here;		  /* this machine: its kernel is asked */
	/* Another host's targets said to run natively (+T) or not (-T), one
	 * bit per row of targets[]. */
	uint64_t said_native, said_foreign;
	char spec[128]; /* as given: "aarch64,-arm"; "" here */
};

/* What the host does with a target's programs, and what that rests on. */
enum host_basis {
	HOST_OTHER_FAMILY, /* another family: no kernel of the host's runs it */
	HOST_OWN,	   /* the host's own target */
	HOST_TRIED,	   /* this machine's kernel was asked */
	HOST_UNTRIED,	   /* this machine, but the asking failed: assumed, as below */
	HOST_SAID,	   /* --host ARCH,+T or ARCH,-T */
	HOST_ASSUMED,	   /* another host: what its kernels usually do */
	HOST_NEVER,	   /* another host: its kernel never does (another byte order) */
};

struct host_verdict {
	bool native; /* the host runs it itself: not emulated unless forced */
	enum host_basis basis;
	char why[640];
};

/* This machine, read once per process; its verdicts are tried once per
 * target, on first asking, and kept. */
const struct host_profile *host_here(void);

/* A host of own's family, elsewhere: nothing said, everything assumed. */
void host_elsewhere(const struct target *own, struct host_profile *h);

/*
 * --host SPEC: ARCH (a target name or alias), then ",+TARGET" (it runs
 * TARGET natively) or ",-TARGET" (it does not) for targets of its family.
 * 0, or -1 with why (one line) on an unknown name, a target of another
 * family, the host's own target, or one said both ways.
 */
int host_parse(const char *spec, struct host_profile *h, char *why, size_t size);

void host_judge(const struct host_profile *h, const struct target *t, struct host_verdict *v);

/* host_judge()'s `native`. */
bool host_native(const struct host_profile *h, const struct target *t);

/* The header of the host's own programs, for host_elf_captured_by():
 * this machine's executable, or another host's usual one.  0, or -errno;
 * -ENOEXEC when the host has no target of its own. */
int host_own_elf(const struct host_profile *h, struct host_elf *out);

/* "x86_64", "aarch64 (--host aarch64,-arm)": the host, for messages. */
const char *host_name(const struct host_profile *h, char *out, size_t size);

#endif
