/* SPDX-License-Identifier: MIT */
/*
 * Tables of binfmt_misc entries, in registration order (oldest first), as
 * the kernel would hold them after each source registered its entries.
 *
 * Sources: a file of register strings or a systemd binfmt.d file (same
 * line syntax), a binfmt.d folder, a Debian binfmt-support folder
 * (/usr/share/binfmts), a live binfmt_misc mount, NixOS's registrations
 * (Nix), Guix's qemu platforms (Scheme), or the built-in qemu target
 * table.  Loaders never print: a bad line becomes a table_problem
 * with its file and line and the bad text quoted, and loading goes on with
 * the rest.
 *
 * Order, which decides the kernel's pick (entry_pick(): newest first):
 *  - register-string / binfmt.d file: line order;
 *  - binfmt.d folder: *.conf by file name (strcmp), as systemd-binfmt;
 *  - Debian folder: files by name (update-binfmts leaves it undefined);
 *  - NixOS: attribute-name order, as its /etc/binfmt.d/nixos.conf;
 *  - Guix: the order of the configuration's platforms list;
 *  - live mount: the reverse of readdir order, which on Linux (libfs
 *    dcache_readdir) lists the newest entry first (tests/elfprobe-live.kt
 *    checks this against the running kernel);
 *  - built-in: the target table's order.
 */
#ifndef QBINFMT_TABLE_H
#define QBINFMT_TABLE_H

#include "entry.h"
#include "targets.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* Caps on what one table may hold: files and folders are user input. */
#define TABLE_MAX_ENTRIES  65536
#define TABLE_MAX_PROBLEMS 1000

/* The mount point binfmt_misc lives at. */
#define TABLE_LIVE_DEFAULT "/proc/sys/fs/binfmt_misc"

/* What binfmt-support registers instead of the interpreter when a format
 * has a detector or shares its magic with another (update-binfmts). */
#define TABLE_DEBIAN_RUN_DETECTORS "/usr/lib/binfmt-support/run-detectors"

/* What stands for Guix's qemu package in the interpreters of a Guix
 * table: its store path (/gnu/store/HASH-qemu-VERSION) is not in the
 * configuration, only the package. */
#define TABLE_GUIX_QEMU "/gnu/store/HASH-qemu"

struct table_entry {
	struct binfmt_entry entry;
	char source[PATH_MAX]; /* file the entry came from */
	int line;	       /* its line there; 0 for whole-file sources */
	/* The qemu target the entry is meant for: the row itself for the
	 * built-in table, else guessed from its name or interpreter
	 * (table_guess_target()); NULL when neither names one. */
	const struct target *target;
};

struct table_problem {
	char source[PATH_MAX];
	int line; /* 0: the file as a whole */
	char message[256];
};

struct table {
	struct table_entry *items;
	size_t count, capacity;
	struct table_problem *problems;
	size_t problem_count, problem_capacity;
	size_t problems_dropped; /* beyond TABLE_MAX_PROBLEMS */
	/* A live mount whose status file says "disabled": the kernel then
	 * matches nothing at all (load_misc_binary() returns -ENOEXEC). */
	bool switched_off;
	char switched_off_by[PATH_MAX]; /* that status file */
};

enum table_kind {
	TABLE_AUTO,
	TABLE_REGISTER, /* a file of register strings */
	TABLE_BINFMT_D, /* a binfmt.d .conf file or folder */
	TABLE_DEBIAN,	/* a binfmt-support folder, or one format file */
	TABLE_LIVE,	/* a mounted binfmt_misc */
	TABLE_NIX,	/* NixOS: boot.binfmt.registrations, or a magics table */
	TABLE_GUIX,	/* Guix: qemu-binfmt-configuration platforms */
};

/* Does a folder entry name a binfmt.d (or containers.conf.d) file,
 * NAME.conf? */
bool table_is_conf_name(const char *name);

void table_init(struct table *t);

/* Append an entry, refusing (with a problem) a name already in the
 * table, as the kernel's register does (-EEXIST), and entries past
 * TABLE_MAX_ENTRIES.  NULL when refused. */
struct table_entry *table_add(struct table *t, const struct binfmt_entry *entry, const char *source,
			      int line);
void table_free(struct table *t);

/* Which kind table_load(TABLE_AUTO) takes `source` for: a folder holding
 * `register` and `status` is live; a folder with a *.conf file binfmt.d;
 * any other folder Debian; a file named *.nix Nix, *.scm Guix's Scheme,
 * any other file register strings.  -errno if it cannot
 * be examined, -EINVAL if it is neither file nor folder. */
int table_detect(const char *source, enum table_kind *kind);

/*
 * Append the entries of `source` to t.  Returns 0 when the source was read
 * (bad lines are in t->problems), or -errno if the source itself could not
 * be opened or read (-EFBIG past FILES_MAX_SIZE).  For a live mount that
 * includes each entry it lists: a table missing one would be taken for
 * what the mount holds.
 */
int table_load(struct table *t, const char *source, enum table_kind kind);

/*
 * Append the built-in qemu targets in table order, named qbinfmt-TARGET,
 * with P, as qbinfmt registers them.
 * `interpreter_pattern` is the interpreter with "{}" standing for the
 * target's name (e.g. "/usr/bin/qemu-{}").  Targets `host` runs natively
 * (host_native(), which qbinfmt does not emulate by default) are left
 * out; NULL keeps them all.
 */
struct host_profile;
void table_load_builtin(struct table *t, const char *interpreter_pattern,
			const struct host_profile *host);

/*
 * The parsers behind table_load(), on text in memory, for tests and fuzz
 * harnesses.  `source` names the text in problems and entries.
 *  - register strings / binfmt.d lines, `#` and `;` comments;
 *  - one Debian format file, `name` being the entry name (its file name);
 *  - one live status file `name` (entry_status_parse()).
 */
void table_parse_register(struct table *t, const char *source, const char *text, size_t len);
void table_parse_debian(struct table *t, const char *source, const char *name, const char *text,
			size_t len);
void table_parse_status(struct table *t, const char *source, const char *name, const char *text,
			size_t len);
/*  - NixOS's registrations in Nix (lib/table-nix.c says which);
 *  - Guix's qemu platforms in Scheme (lib/table-guix.c says which). */
void table_parse_nix(struct table *t, const char *source, const char *text, size_t len);
void table_parse_guix(struct table *t, const char *source, const char *text, size_t len);

/* The kinds by the names --table-kind and export --format give them:
 * "auto", "register", "binfmt.d", "debian", "live", "nix", "guix".
 * false for any other name. */
bool table_kind_parse(const char *name, enum table_kind *kind);

/*
 * The entries that match a file, newest first: the first is the one the
 * kernel picks (as entry_pick()).  Writes at most `max` indices into
 * `matches` and returns how many entries match in all.  A switched-off
 * table matches nothing.
 */
size_t table_matches(const struct table *t, const unsigned char *head, size_t head_len,
		     const char *filename, size_t *matches, size_t max);

/*
 * The target an entry is meant for, from its name ("qemu-aarch64",
 * "qbinfmt-aarch64", "aarch64-linux", "arm64") or else its interpreter's
 * file name ("qemu-aarch64-static", "aarch64-binfmt-P"); NULL if neither
 * names a known target.
 */
const struct target *table_guess_target(const struct binfmt_entry *entry);

#endif
