/* SPDX-License-Identifier: MIT */
/*
 * The OCI platform names of the qemu targets that have one: what docker
 * --platform, buildx, docker/setup-qemu-action and tonistiigi/binfmt's
 * --install write (containerd's platforms package: Go's GOARCH and a
 * variant).  They are another project's vocabulary, so they are listed
 * here, each with the target it stands for; tests/unit/test-platform.c
 * checks that every one names a target of lib/targets.c.
 */
#ifndef QBINFMT_PLATFORM_H
#define QBINFMT_PLATFORM_H

#include "targets.h"

#include <stddef.h>

struct platform {
	const char *arch;    /* GOARCH: "arm64", "386", "mips64le" */
	const char *variant; /* "v7", or NULL */
	const char *target;  /* the qemu target's name */
};

/* In the order buildkit's archutil lists what it finds runnable, then the
 * others Go has a port for. */
extern const struct platform platforms[];
extern const size_t platform_count;

/*
 * The target a name stands for: an OCI platform as containerd's Parse()
 * takes it ("linux/arm64", "arm64", "linux/arm/v7", "arm/v7", any case;
 * the architecture decides, whatever the variant), or a qemu target's
 * name or alias ("aarch64", "armhf", "x86_64").  NULL when it is neither,
 * or names another OS than Linux.
 */
const struct target *platform_target(const char *name);

/* "linux/ARCH" or "linux/ARCH/VARIANT". */
void platform_format(const struct platform *p, char *out, size_t size);

/* The names --install takes besides target names, space-separated
 * ("amd64 arm64 ... arm/v7 ..."), for a message. */
void platform_names(char *out, size_t size);

#endif
