/* SPDX-License-Identifier: MIT */
/* Who we are running on, as the kernel sees our own executables (any
 * executable named by --host-exe; lib/host-elf.h tries entries on it). */
#ifndef ELFPROBE_HOST_H
#define ELFPROBE_HOST_H

#include "probe.h"
#include "targets.h"

#include <limits.h>

#define HOST_DEFAULT_EXE "/proc/self/exe"

struct host {
	char source[PATH_MAX];	     /* the executable the identity comes from */
	struct probe_header exe;     /* its header; exe.kind == PROBE_ELF when known */
	const struct target *target; /* its target row, or NULL */
	const char *family;	     /* that row's family, else uname's; may be NULL */
};

/* Read the host's identity from `exe` (NULL: /proc/self/exe).  Returns 0,
 * or -errno if it cannot be read; a non-ELF file leaves exe.kind unset to
 * PROBE_ELF and the family from uname(). */
int host_identify(struct host *h, const char *exe);

/* Is `t` of the host's family (which the host runs without emulation)? */
bool host_runs_natively(const struct host *h, const struct target *t);

#endif
