/* SPDX-License-Identifier: MIT */
#include "host.h"

#include "elf-samples.h"

#include <elf.h>
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
	snprintf(h->source, sizeof(h->source), "%s", exe ? exe : HOST_DEFAULT_EXE);
	r = probe_file(AT_FDCWD, h->source, BINFMT_HEADER_SIZE, PROBE_FOLLOW, &h->exe);
	if (r < 0)
		return r;
	if (h->exe.kind == PROBE_ELF)
		h->target =
		    target_for_elf(h->exe.elf_class, h->exe.elf_data, h->exe.machine, h->exe.flags);
	h->family = host_family(h->target, uname(&u) == 0 ? u.machine : NULL);
	if (!exe) {
		h->profile = *host_here();
	} else {
		host_elsewhere(h->target, &h->profile);
		h->profile.family = h->family;
	}
	return 0;
}

int host_identify_arch(struct host *h, const char *spec, char *why, size_t size)
{
	memset(h, 0, sizeof(*h));
	if (host_parse(spec, &h->profile, why, size) < 0)
		return -1;
	const struct target *t = h->profile.own;
	struct elf_sample usual = elf_sample_usual(t, ET_DYN, ELFOSABI_SYSV);
	snprintf(h->source, sizeof(h->source), "--host-arch %s", spec);
	h->target = t;
	h->family = t->family;
	h->exe.kind = PROBE_ELF;
	h->exe.elf_class = t->elf_class;
	h->exe.elf_data = t->elf_data;
	h->exe.machine = t->machine;
	h->exe.type = ET_DYN;
	h->exe.flags = t->flags;
	h->exe.head_len = elf_sample_header(t, &usual, h->exe.head);
	return 0;
}

bool host_runs_natively(const struct host *h, const struct target *t)
{
	return t && host_native(&h->profile, t);
}
