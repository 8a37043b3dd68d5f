/* SPDX-License-Identifier: MIT */
#include "registrar.h"

#include "binfmt-dir.h"
#include "commands.h"
#include "namespace.h"
#include "report.h"
#include "target-entry.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

const char *registrar_runtime_dir(void)
{
	static char dir[4096];
	const char *xdg = getenv("XDG_RUNTIME_DIR");

	if (geteuid() != 0 && xdg && xdg[0] == '/' &&
	    snprintf(dir, sizeof(dir), "%s/qbinfmt", xdg) < (int)sizeof(dir))
		return dir;
	return "/run/qbinfmt";
}

bool registrar_owns(const char *entry_name)
{
	return strncmp(entry_name, TARGET_ENTRY_PREFIX, strlen(TARGET_ENTRY_PREFIX)) == 0;
}

static void die_not_mounted(const char *command, const char *dir, int error)
{
	/* The same status whatever the command: the binfmt_misc it would
	 * read is not there (design.md: 3, input that cannot be read). */
	if (error)
		errno = error;
	char hint[PATH_MAX + 160];
	snprintf(hint, sizeof(hint),
		 "as root: mount -t binfmt_misc binfmt_misc %s; without root: qbinfmt sandbox, or "
		 "qbinfmt podman for containers",
		 dir);
	if (error)
		die_errno(EXIT_INPUT,
			  "%s: %s is not a binfmt_misc mount, and mounting one failed (%s)",
			  command, dir, hint);
	die(EXIT_INPUT, "%s: %s is not a binfmt_misc mount (%s)", command, dir, hint);
}

/* Writers hold the mount's lock from their first read to their exit. */
static void lock_for(enum binfmt_use use, const char *dir)
{
	if (use != BINFMT_READ && !global.dry_run)
		(void)binfmt_dir_lock(dir); /* none where flock is not (ENOLCK): go on */
}

void registrar_binfmt(const char *command, enum binfmt_use use, struct binfmt_target *t)
{
	memset(t, 0, sizeof(*t));
	t->dir = global.binfmt_dir;
	if (global.namespace_of) {
		namespace_join(global.namespace_of, command);
		global.namespace_of = 0;
	}
	t->in_user_namespace = !namespace_is_initial();
	/* The host's mount, or a folder named with --binfmt-dir (a fake
	 * tree): used as it is. */
	if (!t->in_user_namespace || strcmp(t->dir, BINFMT_DIR_DEFAULT) != 0) {
		t->own = true;
		int r = use == BINFMT_ADD ? binfmt_dir_mount(t->dir) : 0;
		if (r < 0)
			die_not_mounted(command, t->dir, -r);
		if (!binfmt_dir_is_mount(t->dir)) {
			if (use == BINFMT_PEEK) {
				t->own = false;
				return;
			}
			die_not_mounted(command, t->dir, 0);
		}
		lock_for(use, t->dir);
		return;
	}
	if (use == BINFMT_ADD) {
		int r = binfmt_dir_mount_own(t->dir);
		if (r < 0) {
			struct utsname u;
			uname(&u);
			errno = -r;
			die_errno(
			    EXIT_INPUT,
			    "%s: cannot mount this user namespace's own binfmt_misc on %s (needs "
			    "Linux 6.7 or later; this is %s)",
			    command, t->dir, u.release);
		}
		t->own = true;
		lock_for(use, t->dir);
		return;
	}
	t->own = binfmt_dir_shows_own(t->dir, namespace_outer_binfmt());
	if (t->own)
		lock_for(use, t->dir);
	if (!t->own)
		snprintf(
		    t->why, sizeof(t->why),
		    "this user namespace has no binfmt_misc of its own at %s: its programs use "
		    "the entries of the nearest parent namespace that has one",
		    t->dir);
}
