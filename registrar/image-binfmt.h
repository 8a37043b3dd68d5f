/* SPDX-License-Identifier: MIT */
/*
 * The binfmt_misc qbinfmt image acts on from inside a privileged
 * container, and whether what it registers there outlives the container.
 *
 * A container sees no binfmt_misc mount of the host's, so it mounts its
 * own: in the host's user namespace (rootful docker or podman) that shows
 * the host's instance, in a user namespace of its own (rootless podman or
 * docker) that namespace's instance (Linux 6.7+).  Either way the entries
 * live as long as the instance's superblock, which lives as long as some
 * mount of it does: a container's own mount ends with the container.  So
 * entries registered from a container outlive it only where something
 * outside holds a mount (the host's systemd automount once triggered,
 * a mount made by hand, qbinfmt podman install's in podman's namespace);
 * before Linux 6.7 each entry pinned the filesystem itself.
 */
#ifndef QBINFMT_IMAGE_BINFMT_H
#define QBINFMT_IMAGE_BINFMT_H

#include "failure.h"

#include <stdbool.h>

struct image_binfmt {
	const char *dir;
	bool in_user_namespace; /* rootless: not the host's user namespace */
	/* Something outside holds the instance, and it is mounted on dir:
	 * what is registered there stays after the container.  false: nothing
	 * is mounted, and nothing registered from here would stay. */
	bool lasts;
};

/*
 * Find out, and mount the instance on dir when it lasts (holding the
 * writers' lock, as registrar_binfmt() does).  A dir named with
 * --binfmt-dir (`given`: a fake tree in the tests, a mount of the
 * caller's choice) is used as it is.  0, or -1 with f (status 3: no
 * binfmt_misc to act on) when the container may not mount binfmt_misc
 * (no CAP_SYS_ADMIN: not --privileged), the kernel has none, or cannot
 * give a user namespace one (before 6.7).  In a user namespace without
 * an instance of its own the question itself makes one (see
 * binfmt_dir_held()).
 */
int image_binfmt_open(const char *dir, bool given, struct image_binfmt *b, struct failure *f);

#endif
