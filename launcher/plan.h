/* SPDX-License-Identifier: MIT */
/*
 * The launcher's decisions as pure functions: which layout the kernel
 * used, the emulator's argv, and what its environment keeps.  No system
 * calls here, so unit tests cover every case without an exec.  Its
 * target comes from the name it runs under (lib/launcher-name.h).
 */
#ifndef QBINFMT_LAUNCH_PLAN_H
#define QBINFMT_LAUNCH_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/resource.h>

/* Cap on what we pass on, well below the kernel's own limits, so that a
 * hostile argv cannot make the one allocation overflow (bubblewrap caps
 * at 9000 arguments; we allow far more, as real programs do). */
#define PLAN_ARGC_MAX (1 << 20)

/*
 * Was the interpreter registered with P?  The kernel tells us since
 * Linux 5.12 (AT_FLAGS_PRESERVE_ARGV0 in AT_FLAGS); before that AT_FLAGS
 * is always 0 and we assume P, which is how qbinfmt registers us.
 */
bool plan_preserve_argv0(unsigned long at_flags, int kernel_major, int kernel_minor);

/* Parse "6.18.44-..." into major and minor; false if it is not that. */
bool plan_kernel_version(const char *release, int *major, int *minor);

/* Where the program and its argv start in our argv. */
struct plan_layout {
	const char *path;  /* the file the kernel matched */
	const char *argv0; /* the program's own argv[0] */
	int args_from;	   /* first argument index in our argv */
};

/* false when argv lacks what the layout needs (run by hand, say). */
bool plan_layout(int argc, char **argv, bool preserve_argv0, struct plan_layout *out);

/* Slots the two arrays below need, NULL terminators included. */
size_t plan_argv_capacity(int argc, char **envp);
size_t plan_env_capacity(char **envp);

struct plan {
	const char *qemu;	  /* what we execute */
	bool qemu_static;	  /* no host loader: LD_* cannot touch it */
	bool secure;		  /* AT_SECURE: setuid/setgid or C flag */
	const char *program_path; /* PATH, or /proc/self/fd/N for O */
	const char *cpu;	  /* -cpu MODEL, from our name (lib/launcher-name.h); or NULL */
};

/*
 * Fill argv_out with  QEMU -0 ARGV0 [-cpu MODEL] [-E LD_X=V]... -- PROGRAM ARGS...
 * and env_out with the environment qemu runs with:
 *  - normally the caller's, except that for a dynamic qemu the loader
 *    variables LD_* move to -E options so they reach the guest and not
 *    the host's ld.so (values holding ',' stay: -E splits on commas);
 *  - in secure mode without any variable qemu or the libraries in it read
 *    (plan_env_unsafe(): QEMU_*, which qemu reads before its command line,
 *    LD_*, G_*, glibc's unsecure variables...); nothing becomes -E.
 * Returns the new argc.
 */
int plan_build(const struct plan *p, const struct plan_layout *layout, int argc, char **argv,
	       char **envp, char **argv_out, char **env_out);

/* Does the environment hold a loader variable plan_build() would move to
 * -E for a dynamic qemu?  Only then does it matter whether qemu is static. */
bool plan_env_has_loader_variables(char **envp);

/* Is NAME=VALUE one secure mode removes? */
bool plan_env_unsafe(const char *entry);

/*
 * The kernel gives the binary (flag O, which C implies) the lowest free
 * descriptor: 0, 1 or 2 when the caller closed them, and qemu hands it on
 * to the guest as that standard descriptor (its stdin, say).  It must move
 * above 2, and the number it leaves becomes /dev/null in secure mode, as a
 * native setuid program's C library would make it, or is closed again, as
 * the caller left it.
 */
enum plan_exec_fd {
	PLAN_EXEC_FD_KEEP,     /* 3 or above: where it is */
	PLAN_EXEC_FD_CLOSE,    /* move it, close the standard number */
	PLAN_EXEC_FD_DEV_NULL, /* move it, /dev/null on the standard number */
};
enum plan_exec_fd plan_exec_fd(int fd, bool secure);

/*
 * The RLIMIT_CORE qemu runs with.  qemu writes a guest's core itself,
 * qemu_PROGRAM_DATE_PID.core in the current folder, with the credentials
 * it runs with, following symlinks, whenever the soft limit allows
 * (linux-user/elfload.c:elf_core_dump(); 7.2 checks nothing else).  In
 * secure mode that is root writing where the caller chose, so the soft
 * limit becomes 0; the hard one stays, for what the guest runs once it has
 * dropped its privileges.  Returns whether *limit changed.
 */
bool plan_core_limit(bool secure, struct rlimit *limit);

#endif
