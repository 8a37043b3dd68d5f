/* SPDX-License-Identifier: MIT */
/*
 * Does this machine's kernel run a target's programs itself?  Asked of
 * the kernel, by executing a probe: an ELF header of the target (its
 * class, byte order, e_machine and usual e_flags) whose one program
 * header is a PT_INTERP naming a path no filesystem holds ("/" and 300
 * letters).  The kernel's ELF loader (load_elf_binary(), or its compat
 * twin) checks the header and the architecture first (elf_check_arch(),
 * compat_elf_check_arch(): where an arm64 kernel asks whether the CPU has
 * AArch32 at EL0, and x86_64 whether IA32 emulation is on) and only then
 * opens the loader PT_INTERP names: ENAMETOOLONG says it took the probe,
 * ENOEXEC that nothing did.  Nothing is ever run: the exec fails either
 * way, before its point of no return.
 *
 * binfmt_misc cannot answer in the kernel's place.  The probe is
 * executed from a close-on-exec memfd (execveat(AT_EMPTY_PATH)), whose
 * path the program would not find after the exec
 * (BINPRM_FLAGS_PATH_INACCESSIBLE): an entry that matches it makes
 * load_misc_binary() fail with ENOENT before its interpreter is even
 * looked at, whatever the entry's flags.  So ENAMETOOLONG can only come
 * from the ELF loader, and a matching entry is seen as ENOENT, never as
 * a yes.  The probe also sets a padding byte of e_ident, which no loader
 * reads and entries keeping the padding strict (qbinfmt's, Debian's,
 * FEX's, box64's, Rosetta's) turn away; one that ignores it is the case
 * for exec_probe_run()'s private binfmt_misc.
 */
#ifndef QBINFMT_EXEC_PROBE_H
#define QBINFMT_EXEC_PROBE_H

#include "targets.h"

#include <stdbool.h>
#include <stddef.h>

/* Room for any target's probe. */
#define EXEC_PROBE_MAX 512

enum exec_probe_outcome {
	EXEC_PROBE_LOADS,   /* the kernel's ELF loader takes the target's programs */
	EXEC_PROBE_REFUSED, /* every handler refuses them: Exec format error */
	EXEC_PROBE_TAKEN,   /* an entry of binfmt_misc matches the probe: no answer */
	EXEC_PROBE_FAILED,  /* the probe could not be made or run: error says why */
};

/* Where the probe failed to be made or run, for EXEC_PROBE_FAILED. */
enum exec_probe_step {
	EXEC_PROBE_STEP_EXEC,	/* execveat(): an answer the probe does not know */
	EXEC_PROBE_STEP_MEMFD,	/* memfd_create() or writing it */
	EXEC_PROBE_STEP_FORK,	/* fork() or the pipe back */
	EXEC_PROBE_STEP_USERNS, /* unshare() of a user and mount namespace */
	EXEC_PROBE_STEP_BINFMT, /* mounting that namespace's binfmt_misc */
};

struct exec_probe_result {
	enum exec_probe_outcome outcome;
	enum exec_probe_step step; /* EXEC_PROBE_FAILED's */
	int error;		   /* the errno the exec (or the failing step) gave; 0: it ran */
};

/* The probe of t: its bytes into image (size at least EXEC_PROBE_MAX);
 * the length. */
size_t exec_probe_image(const struct target *t, unsigned char *image, size_t size);

/*
 * Execute t's probe in a child process: in this namespace, or with
 * private_binfmt in a new user and mount namespace with a binfmt_misc
 * instance of its own, empty (Linux 6.7; unprivileged user namespaces),
 * where no entry exists to match it.
 */
void exec_probe_run(const struct target *t, bool private_binfmt, struct exec_probe_result *r);

/* "memfd_create", "unshare(CLONE_NEWUSER | CLONE_NEWNS)"...: the step. */
const char *exec_probe_step_name(enum exec_probe_step step);

#endif
