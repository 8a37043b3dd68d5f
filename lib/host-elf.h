/* SPDX-License-Identifier: MIT */
/* The host's own executables, as binfmt_misc would see them. */
#ifndef QBINFMT_HOST_ELF_H
#define QBINFMT_HOST_ELF_H

#include "entry.h"

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

#endif
