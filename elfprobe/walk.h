/* SPDX-License-Identifier: MIT */
/*
 * Walking the files and folders `elfprobe verify` is given.  Symlinks
 * named on the command line are followed; symlinks met inside a folder
 * are counted and not followed (so no symlink loop can form), and a folder
 * that is its own ancestor (bind mounts) is not entered twice.  Devices,
 * FIFOs and sockets are counted and never opened.
 */
#ifndef ELFPROBE_WALK_H
#define ELFPROBE_WALK_H

#include <stdbool.h>
#include <stddef.h>

#define WALK_MAX_DEPTH 256

struct walk_stats {
	size_t folders;
	size_t symlinks; /* met inside folders: skipped */
	size_t special;	 /* devices, FIFOs, sockets: skipped */
	size_t loops;	 /* folders met again below themselves: skipped */
	size_t errors;	 /* folders or names that could not be read */
};

struct walk_ops {
	/* A regular file: `name` relative to `dirfd` (AT_FDCWD for a path
	 * given on the command line), `path` for people.  `known_regular`
	 * when readdir said so (no need to look again before opening). */
	void (*file)(void *ctx, int dirfd, const char *name, const char *path, bool known_regular);
	/* Something could not be walked: `error` is an errno value. */
	void (*error)(void *ctx, const char *path, int error, const char *what);
};

/* Walk one path given by the user. */
void walk(const char *root, const struct walk_ops *ops, void *ctx, struct walk_stats *stats);

#endif
