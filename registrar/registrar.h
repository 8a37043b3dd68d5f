/* SPDX-License-Identifier: MIT */
/* Small things several commands share. */
#ifndef QBINFMT_REGISTRAR_H
#define QBINFMT_REGISTRAR_H

#include "failure.h"

#include <stdbool.h>
#include <sys/types.h>

/* Where short links to long interpreter paths go: /run/qbinfmt as root,
 * $XDG_RUNTIME_DIR/qbinfmt otherwise. */
const char *registrar_runtime_dir(void);

/* Entries qbinfmt installed carry its prefix. */
bool registrar_owns(const char *entry_name);

/* What a command will do with the binfmt_misc it acts on. */
enum binfmt_use {
	BINFMT_READ,   /* status, find: never mount, never create */
	BINFMT_PEEK,   /* doctor: as READ, and no mount at all is an answer too */
	BINFMT_CHANGE, /* remove, enable, disable: entries that are there */
	BINFMT_ADD,    /* install, import: mount this namespace's own if needed */
};

struct binfmt_target {
	const char *dir; /* the mount to act on */
	/* In a user namespace of its own (podman's, a sandbox's): does dir
	 * show that namespace's own binfmt_misc instance?  false: dir shows a
	 * parent's instance (or nothing), whose entries this namespace uses
	 * but must never change. */
	bool own;
	bool in_user_namespace;
	bool podman;   /* that namespace is rootless podman's (set by qbinfmt podman) */
	char why[256]; /* for !own: what dir shows instead */
};

/*
 * The binfmt_misc a command acts on: dir, after entering the namespaces
 * of namespace_of (0: stay here).  0, or -1 with f (status 3 and the way
 * out) when there is none (not mounted and, for BINFMT_ADD, not
 * mountable).  In the host's user namespace dir is mounted when
 * BINFMT_ADD needs it; in another one, BINFMT_ADD mounts that
 * namespace's own instance over whatever dir showed (creating it: from
 * then on the parent's entries no longer apply there), the others never
 * create one.  Unless dry_run, writers (all but BINFMT_READ) then hold
 * the mount's lock until the process exits.  Call it once per process:
 * a namespace, once entered, cannot be entered again.
 */
int registrar_binfmt(const char *dir, pid_t namespace_of, enum binfmt_use use, bool dry_run,
		     struct binfmt_target *target, struct failure *f);

#endif
