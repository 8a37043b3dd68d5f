/* SPDX-License-Identifier: MIT */
#include "registrar.h"

#include "binfmt-dir.h"
#include "kernel.h"
#include "namespace.h"
#include "target-entry.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static int fail_not_mounted(struct failure *f, const char *dir, int error)
{
	/* The same status whatever the command: the binfmt_misc it would
	 * read is not there (design.md: 3, input that cannot be read). */
	char hint[PATH_MAX + 160];
	snprintf(
	    hint, sizeof(hint),
	    "as root: mount -t binfmt_misc binfmt_misc %s; without root: qbinfmt sandbox, or qbinfmt podman for containers",
	    dir);
	if (error)
		return fail(f, EXIT_INPUT,
			    "%s is not a binfmt_misc mount, and mounting one failed (%s): %s", dir,
			    hint, strerror(error));
	return fail(f, EXIT_INPUT, "%s is not a binfmt_misc mount (%s)", dir, hint);
}

/* Writers hold the mount's lock from their first read to their exit. */
static void lock_for(enum binfmt_use use, bool dry_run, const char *dir)
{
	if (use != BINFMT_READ && !dry_run)
		(void)binfmt_dir_lock(dir); /* none where flock is not (ENOLCK): go on */
}

int registrar_binfmt(const char *dir, pid_t namespace_of, enum binfmt_use use, bool dry_run,
		     struct binfmt_target *t, struct failure *f)
{
	memset(t, 0, sizeof(*t));
	t->dir = dir;
	if (namespace_of && namespace_join(namespace_of, f) < 0)
		return -1;
	t->in_user_namespace = !namespace_is_initial();
	/* The host's mount, or a folder named with --binfmt-dir (a fake
	 * tree): used as it is. */
	if (!t->in_user_namespace || strcmp(t->dir, BINFMT_DIR_DEFAULT) != 0) {
		t->own = true;
		int r = use == BINFMT_ADD ? binfmt_dir_mount(t->dir) : 0;
		if (r < 0)
			return fail_not_mounted(f, t->dir, -r);
		if (!binfmt_dir_is_mount(t->dir)) {
			if (use == BINFMT_PEEK) {
				t->own = false;
				return 0;
			}
			return fail_not_mounted(f, t->dir, 0);
		}
		lock_for(use, dry_run, t->dir);
		return 0;
	}
	if (use == BINFMT_ADD) {
		int r = binfmt_dir_mount_own(t->dir);
		if (r < 0)
			return fail_errno(
			    f, EXIT_INPUT, -r,
			    "cannot mount this user namespace's own binfmt_misc on %s (needs Linux %s or later; this is %s)",
			    t->dir, kernel_feature_version(KERNEL_PRIVATE_BINFMT),
			    kernel_release());
		t->own = true;
		lock_for(use, dry_run, t->dir);
		return 0;
	}
	t->own = binfmt_dir_shows_own(t->dir, namespace_outer_binfmt());
	if (t->own)
		lock_for(use, dry_run, t->dir);
	else
		snprintf(
		    t->why, sizeof(t->why),
		    "this user namespace has no binfmt_misc of its own at %s: its programs use the entries of the nearest parent namespace that has one",
		    t->dir);
	return 0;
}
