/* SPDX-License-Identifier: MIT */
/*
 * Reading a file's ELF header: the raw first bytes the kernel matches
 * binfmt_misc entries against, and the fields libelf parses from them.
 * Only the header is read; nothing in the file is trusted beyond it.
 */
#ifndef ELFPROBE_PROBE_H
#define ELFPROBE_PROBE_H

#include "entry.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum probe_kind {
	PROBE_NOT_ELF, /* no \x7fELF signature */
	PROBE_ELF,     /* a complete, sane ELF header */
	PROBE_CORRUPT, /* the signature, then a header cut short or invalid */
};

struct probe_header {
	/* What prepare_binprm() reads into bprm->buf: head_len bytes, the
	 * kernel sees zeros after them. */
	unsigned char head[BINFMT_HEADER_SIZE];
	size_t head_len;

	enum probe_kind kind;
	char problem[128]; /* PROBE_CORRUPT: why, for a human */

	/* PROBE_ELF only */
	uint8_t elf_class;   /* ELFCLASS32 / ELFCLASS64 */
	uint8_t elf_data;    /* ELFDATA2LSB / ELFDATA2MSB */
	uint8_t osabi;	     /* EI_OSABI */
	uint8_t abi_version; /* EI_ABIVERSION */
	uint16_t type;	     /* e_type */
	uint16_t machine;    /* e_machine */
	uint32_t version;    /* e_version */
	uint32_t flags;	     /* e_flags */
};

/* Once, before any other call: libelf's elf_version(). */
bool probe_init(void);

/* Classify and parse h->head[0..h->head_len): the fuzzed entry point. */
void probe_parse(struct probe_header *h);

enum probe_how {
	PROBE_FOLLOW = 1 << 0,	      /* follow a final symlink (paths the user named) */
	PROBE_KNOWN_REGULAR = 1 << 1, /* the caller saw a regular file (readdir's
				       * d_type): open it without looking first */
};

/*
 * Open `path` (relative to dirfd, or AT_FDCWD), read its first `want`
 * bytes (at most BINFMT_HEADER_SIZE) and parse them.  Unless
 * PROBE_KNOWN_REGULAR, the type is checked before opening (opening a
 * device can have side effects) and again after.  Always opened
 * non-blocking, so a FIFO swapped in cannot hang us.  Returns 0, or
 * -errno: -EISDIR for a folder, -EINVAL for anything but a regular file
 * (or, without PROBE_FOLLOW, a symlink).
 */
int probe_file(int dirfd, const char *path, size_t want, unsigned how, struct probe_header *h);

/* Read a regular file already open. */
int probe_fd(int fd, size_t want, struct probe_header *h);

#endif
