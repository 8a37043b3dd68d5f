/* SPDX-License-Identifier: MIT */
/*
 * How a target is wired to its emulator: through the launcher (which
 * passes argv[0] with -0 and guards secure mode) or natively (qemu itself
 * registered with P, for qemu 6.0+ on Linux 5.12+, which read the
 * kernel's preserve-argv0 flag).  Builds the entry qbinfmt registers.
 */
#ifndef QBINFMT_WIRING_H
#define QBINFMT_WIRING_H

#include "entry.h"
#include "targets.h"

#include <limits.h>
#include <stdbool.h>

enum wiring { WIRING_LAUNCHER, WIRING_NATIVE, WIRING_AUTO };

struct wiring_options {
	enum wiring wiring;
	unsigned flags; /* O, C, F on top of the P we always set */
	const char *qemu_dirs;
	const char *launcher_dir;
	const char *runtime_dir; /* for short links to long interpreter paths */
	bool qemu_elsewhere;	 /* export: the qemu may live on another machine */
};

struct wiring_result {
	struct binfmt_entry entry;
	enum wiring chosen;
	char qemu[PATH_MAX]; /* the emulator that will run */
	bool qemu_static;    /* it needs no host libraries: works in a foreign root */
	char why[1024];	     /* the reason for the choice, or for refusing */
};

/* -1 with result->why when the target cannot be wired (no qemu...). */
int wiring_build(const struct target *t, const struct wiring_options *o,
		 struct wiring_result *result);

/* The options install, export and sandbox share: --wiring, -O, -C, -F.
 * Each command's getopt table lists them with these codes. */
enum { WIRING_OPTION = 0x200 };
#define WIRING_SHORT_OPTIONS "OCF"

/* Handle one of them: true if c was one (dies on a bad --wiring). */
bool wiring_take_option(const char *command, int c, const char *arg, struct wiring_options *o);

const char *wiring_name(enum wiring w);
bool wiring_parse(const char *text, enum wiring *w);

/* The launcher folder next to a build-tree qbinfmt, else the installed one. */
const char *wiring_default_launcher_dir(void);

#endif
