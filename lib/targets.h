/* SPDX-License-Identifier: MIT */
/*
 * The qemu-user targets, each described once in ELF terms.  Magic and
 * mask are derived from that description (target_entry()), never typed.
 */
#ifndef QBINFMT_TARGETS_H
#define QBINFMT_TARGETS_H

#include "entry.h"

#include <stdint.h>

/* Entries qbinfmt registers are named TARGET_ENTRY_PREFIX + target. */
#define TARGET_ENTRY_PREFIX "qbinfmt-"

/* How e_flags tells ABIs of one e_machine apart. */
enum target_abi {
	ABI_ANY,      /* e_flags not looked at */
	ABI_MIPS_O32, /* EF_MIPS_ABI2 clear */
	ABI_MIPS_N32, /* EF_MIPS_ABI2 set */
};

struct target {
	const char *name;   /* qemu's: the emulator is qemu-NAME */
	const char *family; /* the host's own family is not emulated by default */
	uint8_t elf_class;  /* ELFCLASS32 or ELFCLASS64 */
	uint8_t elf_data;   /* ELFDATA2LSB or ELFDATA2MSB */
	uint16_t machine;   /* e_machine */
	enum target_abi abi;
	const char *aliases; /* space-separated: uname -m, Debian, Nix names */
};

extern const struct target targets[];
extern const size_t target_count;

/* By name or alias, exact; NULL if unknown. */
const struct target *target_lookup(const char *name);

/* The target whose ELF description fits these header fields, or NULL. */
const struct target *target_for_elf(uint8_t elf_class, uint8_t elf_data, uint16_t machine,
				    uint32_t flags);

/*
 * Fill magic and mask (each BINFMT_HEADER_SIZE bytes) for the target and
 * return their length.  Policy: ELF version 1; ET_EXEC and ET_DYN; OSABI
 * 0 (System V) and 3 (GNU/Linux), so the mask keeps only the top six bits
 * of EI_OSABI and values 1 and 2 pass too; EI_ABIVERSION ignored; EI_PAD
 * must be zero; e_machine exact; for MIPS 32-bit, the EF_MIPS_ABI2 bit.
 */
size_t target_magic(const struct target *t, unsigned char *magic, unsigned char *mask);

/* The entry qbinfmt registers for the target. */
void target_entry(const struct target *t, const char *interpreter, unsigned flags,
		  struct binfmt_entry *entry);

/* Targets whose binaries (a canonical ET_EXEC header) the entry runs;
 * at most max stored, the total returned. */
size_t targets_matched_by(const struct binfmt_entry *e, const struct target **out, size_t max);

/* The family of the machine we run on (from uname), or NULL if unknown. */
const char *target_host_family(void);

#endif
