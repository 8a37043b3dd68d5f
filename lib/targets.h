/* SPDX-License-Identifier: MIT */
/*
 * The qemu-user targets, each described once in ELF terms.  Magic and
 * mask are derived from that description (target-entry.h), never typed.
 */
#ifndef QBINFMT_TARGETS_H
#define QBINFMT_TARGETS_H

#include "entry.h"

#include <stdint.h>

/* How e_flags tells ABIs of one e_machine apart. */
enum target_abi {
	ABI_ANY,      /* e_flags not looked at */
	ABI_MIPS_O32, /* EF_MIPS_ABI2 clear */
	ABI_MIPS_N32, /* EF_MIPS_ABI2 set */
};

/*
 * A CPU model qbinfmt passes to a target's qemu (-cpu MODEL) for qemu
 * versions from..until (major * 100 + minor; until excluded), where qemu's
 * own default costs speed or lacks what distributions' binaries need.
 * doc/cpu-models.md has the evidence for each.
 */
struct target_cpu {
	int from, until;
	const char *model;
};

struct target {
	const char *name;   /* qemu's: the emulator is qemu-NAME */
	const char *family; /* the host's own family is not emulated by default */
	uint8_t elf_class;  /* ELFCLASS32 or ELFCLASS64 */
	uint8_t elf_data;   /* ELFDATA2LSB or ELFDATA2MSB */
	uint16_t machine;   /* e_machine */
	enum target_abi abi;
	uint32_t flags;	     /* e_flags of its binaries' usual header */
	const char *aliases; /* space-separated: uname -m, Debian, Nix names */
	/* Models by qemu version, ended by a NULL model; NULL: qemu's own
	 * everywhere. */
	const struct target_cpu *cpu;
	/* --cpu TARGET=fast: speed over the guest's semantics (qbinfmt(8)
	 * says what the guest loses); NULL: none. */
	const char *cpu_fast;
};

extern const struct target targets[];
extern const size_t target_count;

/* Is `name` one of the space-separated words of `names`? */
bool name_listed(const char *names, const char *name);

/* The next word of a space-separated list (a target's aliases, the
 * targets of an elf_variant): true with *word and its *len, *names moved
 * past it; false at the end. */
bool name_next(const char **names, const char **word, size_t *len);

/* By name or alias, exact; NULL if unknown. */
const struct target *target_lookup(const char *name);

/* The target whose ELF description fits these header fields, or NULL. */
const struct target *target_for_elf(uint8_t elf_class, uint8_t elf_data, uint16_t machine,
				    uint32_t flags);

/* The target a file whose first len bytes are `head` is for: its class,
 * byte order and e_machine, and e_flags where the table needs them (MIPS
 * 32-bit: EF_MIPS_ABI2).  NULL when it is not ELF, is of no target, or
 * ends before a field that decides. */
const struct target *target_for_header(const unsigned char *head, size_t len);

/* The model qbinfmt passes to t's qemu of that version (major * 100 +
 * minor; -1: unknown), or NULL for qemu's own. */
const char *target_cpu_model(const struct target *t, int qemu_version);

/* Is `t` of `family` (which may be NULL: of none)? */
bool target_in_family(const struct target *t, const char *family);

#endif
