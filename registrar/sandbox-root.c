/* SPDX-License-Identifier: MIT */
#include "sandbox-root.h"
#include "cleanup.h"
#include "select.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* DIR/path resolved as if DIR were "/". */
static int open_in_root(int root_fd, const char *path)
{
	struct open_how how = {.flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT};
	return (int)syscall(SYS_openat2, root_fd, path, &how, sizeof(how));
}

int sandbox_root_check(const char *dir, const struct target **target, struct failure *f)
{
	struct stat st;
	unsigned char header[64];

	if (stat(dir, &st) < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "--root %s", dir);
	if (!S_ISDIR(st.st_mode))
		return fail(f, EXIT_FAILURE_FOUND, "--root %s: not a directory", dir);
	_cleanup_close_ int root_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "--root %s", dir);
	/* Absolute links inside the tree (bin -> usr/bin, sh -> /usr/bin/dash)
	 * stay inside it. */
	_cleanup_close_ int sh = open_in_root(root_fd, "bin/sh");
	if (sh < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno,
				  "--root %s has no /bin/sh (is it a root filesystem?)", dir);
	ssize_t n = read(sh, header, sizeof(header));
	if (n < 52 || memcmp(header, ELFMAG, SELFMAG) != 0)
		return fail(f, EXIT_FAILURE_FOUND, "--root %s: /bin/sh is not an ELF program", dir);

	bool msb = header[EI_DATA] == ELFDATA2MSB;
	uint16_t machine = msb ? (uint16_t)(header[18] << 8 | header[19])
			       : (uint16_t)(header[19] << 8 | header[18]);
	size_t flags_at = header[EI_CLASS] == ELFCLASS64 ? 48 : 36;
	uint32_t flags =
	    msb ? (uint32_t)header[flags_at] << 24 | (uint32_t)header[flags_at + 1] << 16 |
		      (uint32_t)header[flags_at + 2] << 8 | header[flags_at + 3]
		: (uint32_t)header[flags_at + 3] << 24 | (uint32_t)header[flags_at + 2] << 16 |
		      (uint32_t)header[flags_at + 1] << 8 | header[flags_at];
	const struct target *t = target_for_elf(header[EI_CLASS], header[EI_DATA], machine, flags);
	if (!t)
		return fail(f, EXIT_FAILURE_FOUND,
			    "--root %s: /bin/sh is for no target qemu emulates (e_machine %u)", dir,
			    machine);
	if (select_is_host_family(t))
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "--root %s is of this machine's own family (%s): it needs no emulation; use chroot or systemd-nspawn",
		    dir, t->name);
	*target = t;
	return 0;
}

int sandbox_root_add_bind(struct sandbox_root *root, const char *spec, struct failure *f)
{
	if (root->bind_count == SANDBOX_MAX_BINDS)
		return fail(f, EXIT_USAGE, "more than %d --bind options", SANDBOX_MAX_BINDS);
	struct sandbox_bind *bind = &root->binds[root->bind_count];
	size_t source_len = strcspn(spec, ":");
	if (source_len >= sizeof(bind->source))
		return fail(f, EXIT_USAGE, "--bind %s: too long", spec);
	bind->spec = spec;
	snprintf(bind->source, sizeof(bind->source), "%.*s", (int)source_len, spec);
	bind->target = spec[source_len] ? spec + source_len + 1 : bind->source;
	if (bind->source[0] != '/' || bind->target[0] != '/')
		return fail(f, EXIT_USAGE, "--bind %s: SRC and DST must be absolute", spec);
	root->bind_count++;
	return 0;
}

/* DIR/what, into path; -1 when too long. */
static int inside(char *path, const char *dir, const char *what, struct failure *f)
{
	if (snprintf(path, PATH_MAX, "%s%s", dir, what) >= PATH_MAX)
		return fail(f, EXIT_FAILURE_FOUND, "%s%s: path too long", dir, what);
	return 0;
}

static int need_dir(const char *dir, const char *what, struct failure *f)
{
	char path[PATH_MAX];
	struct stat st;

	if (inside(path, dir, what, f) < 0)
		return -1;
	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "--root %s lacks the folder %s, a mount point it needs (qbinfmt writes nothing into the root: create it)",
		    dir, what);
	return 0;
}

static int do_mount(const char *source, const char *target, const char *type, unsigned long flags,
		    const char *data, struct failure *f)
{
	if (mount(source, target, type, flags, data) < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "cannot mount %s on %s",
				  source ? source
				  : type ? type
					 : "(remount)",
				  target);
	return 0;
}

/* DIR/dev/NAME */
static int in_dev(char *path, const char *dir, const char *name, struct failure *f)
{
	char suffix[64];

	snprintf(suffix, sizeof(suffix), "/dev/%s", name);
	return inside(path, dir, suffix, f);
}

/* A minimal /dev in a tmpfs of ours: the host's devices bound in. */
static int make_dev(const char *dir, struct failure *f)
{
	static const char *const devices[] = {"null", "zero", "full", "random", "urandom", "tty"};
	static const char *const links[][2] = {
	    {"ptmx", "pts/ptmx"},	   {"fd", "/proc/self/fd"},
	    {"stdin", "/proc/self/fd/0"},  {"stdout", "/proc/self/fd/1"},
	    {"stderr", "/proc/self/fd/2"},
	};
	char path[PATH_MAX], host[64];

	if (inside(path, dir, "/dev", f) < 0 ||
	    do_mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=64k", f) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
		snprintf(host, sizeof(host), "/dev/%s", devices[i]);
		if (access(host, F_OK) < 0)
			continue;
		if (in_dev(path, dir, devices[i], f) < 0)
			return -1;
		int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
		if (fd < 0)
			return fail_errno(f, EXIT_FAILURE_FOUND, errno, "%s", path);
		close(fd);
		if (do_mount(host, path, NULL, MS_BIND, NULL, f) < 0)
			return -1;
	}
	if (in_dev(path, dir, "pts", f) < 0)
		return -1;
	mkdir(path, 0755);
	if (do_mount("devpts", path, "devpts", MS_NOSUID | MS_NOEXEC,
		     "newinstance,ptmxmode=0666,mode=0620", f) < 0)
		return -1;
	if (in_dev(path, dir, "shm", f) < 0)
		return -1;
	mkdir(path, 01777);
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		if (in_dev(path, dir, links[i][0], f) < 0)
			return -1;
		if (symlink(links[i][1], path) < 0)
			return fail_errno(f, EXIT_FAILURE_FOUND, errno, "%s", path);
	}
	return 0;
}

int sandbox_root_enter(const struct sandbox_root *root, struct failure *f)
{
	const char *dir = root->dir;
	char path[PATH_MAX];
	struct stat st;

	if (need_dir(dir, "/proc", f) < 0 || need_dir(dir, "/dev", f) < 0 ||
	    need_dir(dir, "/sys", f) < 0 || need_dir(dir, "/tmp", f) < 0)
		return -1;
	if (inside(path, dir, "/proc", f) < 0 ||
	    do_mount("proc", path, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, f) < 0)
		return -1;
	if (make_dev(dir, f) < 0)
		return -1;
	if (inside(path, dir, "/sys", f) < 0 ||
	    do_mount("/sys", path, NULL, MS_BIND | MS_REC, NULL, f) < 0 ||
	    do_mount(NULL, path, NULL,
		     MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL,
		     f) < 0)
		return -1;
	if (inside(path, dir, "/tmp", f) < 0 ||
	    do_mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", f) < 0)
		return -1;
	if (inside(path, dir, "/etc/resolv.conf", f) < 0)
		return -1;
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && access("/etc/resolv.conf", R_OK) == 0 &&
	    do_mount("/etc/resolv.conf", path, NULL, MS_BIND, NULL, f) < 0)
		return -1;
	for (size_t i = 0; i < root->bind_count; i++) {
		const struct sandbox_bind *b = &root->binds[i];
		if (inside(path, dir, b->target, f) < 0)
			return -1;
		if (lstat(path, &st) < 0)
			return fail(
			    f, EXIT_FAILURE_FOUND,
			    "--bind %s: %s does not exist in the root (qbinfmt writes nothing into it: create it)",
			    b->source, b->target);
		if (do_mount(b->source, path, NULL, MS_BIND | MS_REC, NULL, f) < 0)
			return -1;
	}
	/* chroot, not pivot_root: PID 1 keeps the host's root, which the
	 * launcher reaches through /proc/1/root for the emulator. */
	if (chroot(dir) < 0 || chdir("/") < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "cannot enter %s", dir);
	return 0;
}
