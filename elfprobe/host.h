/* SPDX-License-Identifier: MIT */
/* Who we are running on, as the kernel sees our own executables (any
 * executable named by --host-exe, or another machine's named by
 * --host-arch; lib/host-elf.h tries entries on it), and which targets it
 * runs natively. */
#ifndef ELFPROBE_HOST_H
#define ELFPROBE_HOST_H

#include "host-elf.h"
#include "probe.h"
#include "targets.h"

#include <limits.h>

#define HOST_DEFAULT_EXE "/proc/self/exe"

struct host {
	char source[PATH_MAX];	     /* the executable the identity comes from */
	struct probe_header exe;     /* its header; exe.kind == PROBE_ELF when known */
	const struct target *target; /* its target row, or NULL */
	const char *family;	     /* that row's family, else uname's; may be NULL */
	/* Which targets it runs natively: this machine's asked of its kernel,
	 * another's (--host-exe, --host-arch) said or assumed. */
	struct host_profile profile;
};

/* Read the host's identity from `exe` (NULL: /proc/self/exe, this
 * machine).  Returns 0, or -errno if it cannot be read; a non-ELF file
 * leaves exe.kind unset to PROBE_ELF and the family from uname(). */
int host_identify(struct host *h, const char *exe);

/* Another machine's, from --host-arch SPEC (host_parse()): its usual
 * executable's header.  0, or -1 with why. */
int host_identify_arch(struct host *h, const char *spec, char *why, size_t size);

/* Does the host run `t` natively (never emulated by default)? */
bool host_runs_natively(const struct host *h, const struct target *t);

#endif
