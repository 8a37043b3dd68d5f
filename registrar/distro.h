/* SPDX-License-Identifier: MIT */
/* Which package of the running distribution provides what qbinfmt asks
 * for, so that messages name one that exists. */
#ifndef QBINFMT_DISTRO_H
#define QBINFMT_DISTRO_H

/*
 * The package that brings a statically linked qemu-user: Debian 13 and
 * later and Ubuntu 25.10 and later link qemu-user itself statically (and
 * have no, or only a transitional, qemu-user-static); Debian 12 and older
 * Ubuntus have qemu-user-static.  Elsewhere a sentence that says both.
 * From os-release (etc_os_release, NULL: /etc/os-release, then
 * /usr/lib/os-release).
 */
const char *distro_static_qemu_package(const char *etc_os_release);

/* The package with the qemu-user emulators at all. */
const char *distro_qemu_package(const char *etc_os_release);

#endif
