/* SPDX-License-Identifier: MIT */
/* The host's own executables, as binfmt_misc would see them, and the
 * host's family, which it runs without emulation. */
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

#endif
