/* SPDX-License-Identifier: MIT */
/*
 * Which emulator an entry hands its files to, by the interpreter's file
 * name and the names its packages register: FEX-Emu, box64, box86,
 * Apple's Rosetta, qemu (registered itself, or through qbinfmt's
 * launcher).  Their register strings, with where each comes from, are
 * test data in tests/data/emulators/.  status names them, find and
 * doctor say which one wins, install refuses to take their files
 * silently, and elfprobe lint names them in what it says.
 */
#ifndef QBINFMT_EMULATORS_H
#define QBINFMT_EMULATORS_H

#include "entry.h"

struct emulator {
	const char *name;     /* "FEX-Emu" */
	const char *programs; /* its interpreters' file names, space-separated */
	const char *entries;  /* names its own registrations carry, space-separated */
};

/* The emulator an entry runs, or NULL when neither its interpreter nor
 * its name is one of theirs. */
const struct emulator *emulator_of(const struct binfmt_entry *e);

/* Its name, or "-". */
const char *emulator_name(const struct binfmt_entry *e);

/* "FEX-x86_64 (FEX-Emu)", or the entry's name alone for an unknown one. */
const char *emulator_describe(const struct binfmt_entry *e, char *out, size_t size);

#endif
