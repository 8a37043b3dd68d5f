/* SPDX-License-Identifier: MIT */
#include "host.h"

#include "host-elf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int host_identify(struct host *h, const char *exe)
{
	struct utsname u;
	int r;

	memset(h, 0, sizeof(*h));
	if (!exe)
		exe = HOST_DEFAULT_EXE;
	snprintf(h->source, sizeof(h->source), "%s", exe);
	r = probe_file(AT_FDCWD, exe, BINFMT_HEADER_SIZE, PROBE_FOLLOW, &h->exe);
	if (r < 0)
		return r;
	if (h->exe.kind == PROBE_ELF)
		h->target =
		    target_for_elf(h->exe.elf_class, h->exe.elf_data, h->exe.machine, h->exe.flags);
	h->family = host_family(h->target, uname(&u) == 0 ? u.machine : NULL);
	return 0;
}

bool host_runs_natively(const struct host *h, const struct target *t)
{
	return t && target_in_family(t, h->family);
}
