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
#include "host-elf.h"
#include "launcher-name.h"
#include "targets.h"

#include <limits.h>
#include <stdbool.h>

enum wiring { WIRING_LAUNCHER, WIRING_NATIVE, WIRING_AUTO };

/* Where the entries will be used, which decides what can work there. */
enum wiring_place {
	PLACE_HOST,	    /* this machine's own programs and chroots */
	PLACE_SANDBOX,	    /* qbinfmt sandbox: also chroots other tools make inside */
	PLACE_FOREIGN_ROOT, /* sandbox --root: no host library is reachable */
	PLACE_CONTAINER,    /* a container's namespace: nor the host's files at all */
};

/* --cpu TARGET=MODEL: what was asked for one target's CPU model. */
enum cpu_asked {
	CPU_QEMU_DEFAULT, /* --cpu T=default: qemu's own */
	CPU_FAST,	  /* --cpu T=fast: the table's fast model */
	CPU_MODEL,	  /* --cpu T=MODEL */
};
struct cpu_choice {
	const struct target *target;
	enum cpu_asked asked;
	const char *model; /* CPU_MODEL's */
};

struct wiring_options {
	enum wiring wiring;
	unsigned flags; /* O, C, F on top of the P we always set */
	enum wiring_place place;
	const char *qemu_dirs;
	const char *launcher_dir;
	const char *runtime_dir;      /* for short links to long interpreter paths */
	bool qemu_elsewhere;	      /* export: the qemu may live on another machine */
	const struct cpu_choice *cpu; /* --cpu, per target; the others get the table's */
	size_t cpu_count;
	/* The host the entries are for: NULL, this machine; another one
	 * (--host) has no qemu here to look at (set qemu_elsewhere too). */
	const struct host_profile *host;
};

/* What wiring_decide() weighs, gathered by wiring_build(). */
struct wiring_facts {
	bool have_qemu;
	bool qemu_static;     /* needs no host library */
	int qemu_version;     /* major * 100 + minor, -1 if unknown */
	bool kernel_at_flags; /* Linux 5.12+ tells the interpreter about P */
	const char *model;    /* the -cpu model wanted for this qemu, or NULL */
	bool model_asked;     /* named with --cpu (else the table's choice) */
};

/* The decision alone, without a system call (unit-tested): the wiring
 * asked for (auto decides), or a refusal.  0 and *chosen, or -1; *why
 * says the reason either way.  A model reaches qemu through the launcher
 * only (qemu registered itself takes no options): auto prefers the
 * launcher for one, and a model named with --cpu is refused where the
 * launcher is not chosen. */
int wiring_decide(const struct wiring_facts *facts, enum wiring asked, unsigned flags,
		  enum wiring_place place, enum wiring *chosen, char *why, size_t why_size);

struct wiring_result {
	struct binfmt_entry entry;
	enum wiring chosen;
	char qemu[PATH_MAX]; /* the emulator that will run */
	/* Set when entry.interpreter is a short link still to be made
	 * (wiring_make_link()) to this path of 128 bytes or more. */
	char link_target[PATH_MAX];
	bool qemu_static;		/* it needs no host libraries: works in a foreign root */
	char cpu[LAUNCHER_CPU_MAX + 1]; /* the -cpu model in force; "": qemu's own */
	char why[1024];			/* the reason for the choice, or for refusing */
};

/* -1 with result->why when the target cannot be wired (no qemu...).
 * Reads, never writes: a dry run or an export may call it. */
int wiring_build(const struct target *t, const struct wiring_options *o,
		 struct wiring_result *result);

/* Make the short link the entry names, if it needs one, before it is
 * registered.  0, or -1 with why. */
int wiring_make_link(const struct wiring_result *result, char *why, size_t why_size);

const char *wiring_name(enum wiring w);
bool wiring_parse(const char *text, enum wiring *w);

/* The launcher folder next to a build-tree qbinfmt, else the installed one. */
const char *wiring_default_launcher_dir(void);

#endif
