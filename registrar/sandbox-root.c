/* SPDX-License-Identifier: MIT */
#include "host-elf.h"
#include "sandbox-root.h"

#include "elf-fields.h"
#include "cleanup.h"
#include "sandbox-mount.h"
#include "select.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

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
	_cleanup_close_ int sh = sandbox_open_in_root(root_fd, "bin/sh", O_RDONLY);
	if (sh < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno,
				  "--root %s has no /bin/sh (is it a root filesystem?)", dir);
	ssize_t n = read(sh, header, sizeof(header));
	if (n < 52 || memcmp(header, ELFMAG, SELFMAG) != 0)
		return fail(f, EXIT_FAILURE_FOUND, "--root %s: /bin/sh is not an ELF program", dir);

	const struct target *t = target_for_header(header, (size_t)n);
	unsigned machine = (unsigned)elf_get(header + EI_NIDENT + 2, 2, header[EI_DATA]);
	if (!t)
		return fail(f, EXIT_FAILURE_FOUND,
			    "--root %s: /bin/sh is for no target qemu emulates (e_machine %u)", dir,
			    machine);
	struct host_verdict native;
	host_judge(host_here(), t, &native);
	if (native.native)
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "--root %s is for %s, which runs natively here (%s): it needs no emulation; use chroot or systemd-nspawn",
		    dir, t->name, native.why);
	*target = t;
	return 0;
}

int sandbox_root_add_bind(struct sandbox_root *root, const char *spec, struct failure *f)
{
	if (root->bind_count == SANDBOX_MAX_BINDS)
		return fail(f, EXIT_USAGE, "more than %d --bind options", SANDBOX_MAX_BINDS);
	struct sandbox_bind *bind = &root->binds[root->bind_count];
	size_t source_len = strcspn(spec, ":");
	if (strlen(spec) >= sizeof(bind->source))
		return fail(f, EXIT_USAGE, "--bind %s: too long", spec);
	snprintf(bind->source, sizeof(bind->source), "%.*s", (int)source_len, spec);
	bind->target = spec[source_len] ? spec + source_len + 1 : bind->source;
	if (bind->source[0] != '/' || bind->target[0] != '/')
		return fail(f, EXIT_USAGE, "--bind %s: SRC and DST must be absolute", spec);
	root->bind_count++;
	return 0;
}

/* sandbox_root_enter()'s work: the root open, for targets inside it, and
 * its name, for messages. */
struct entering {
	int fd;
	const char *dir;
	struct failure *f;
};

static int fail_mount(const struct entering *e, const char *source, const char *what)
{
	return fail_errno(e->f, EXIT_FAILURE_FOUND, errno, "cannot mount %s on %s%s", source,
			  e->dir, what);
}

/* DIR's own folder `what` (not a link), for a mount on it. */
static int mount_point(const struct entering *e, const char *what)
{
	struct stat st;
	int fd = sandbox_open_in_root(e->fd, what, O_PATH | O_NOFOLLOW);

	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		return fd;
	if (fd >= 0)
		close(fd);
	return fail(
	    e->f, EXIT_FAILURE_FOUND,
	    "--root %s lacks the folder %s, a mount point it needs (qbinfmt writes nothing into the root: create it)",
	    e->dir, what);
}

/* A minimal /dev in a tmpfs of ours: the host's devices bound in. */
static int make_dev(const struct entering *e, int target)
{
	static const char *const devices[] = {"null", "zero", "full", "random", "urandom", "tty"};
	static const char *const links[][2] = {
	    {"ptmx", "pts/ptmx"},	   {"fd", "/proc/self/fd"},
	    {"stdin", "/proc/self/fd/0"},  {"stdout", "/proc/self/fd/1"},
	    {"stderr", "/proc/self/fd/2"},
	};
	char host[64], what[64];

	_cleanup_close_ int dev = sandbox_mount_fs("tmpfs", "mode=0755,size=64k",
						   MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, target);
	if (dev < 0)
		return fail_mount(e, "tmpfs", "/dev");
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
		snprintf(host, sizeof(host), "/dev/%s", devices[i]);
		if (access(host, F_OK) < 0)
			continue;
		_cleanup_close_ int node =
		    openat(dev, devices[i], O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
		if (node < 0)
			return fail_errno(e->f, EXIT_FAILURE_FOUND, errno, "%s%s", e->dir, host);
		if (sandbox_mount_bind(host, false, 0, node) < 0)
			return fail_mount(e, host, host);
	}
	mkdirat(dev, "pts", 0755);
	_cleanup_close_ int pts = openat(dev, "pts", O_PATH | O_DIRECTORY | O_CLOEXEC);
	int devpts = pts < 0 ? -1
			     : sandbox_mount_fs("devpts", "newinstance,ptmxmode=0666,mode=0620",
						MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, pts);
	if (devpts < 0)
		return fail_mount(e, "devpts", "/dev/pts");
	close(devpts);
	/* Sticky and writable by all, whatever the caller's umask. */
	if (mkdirat(dev, "shm", 0) < 0 || fchmodat(dev, "shm", 01777, 0) < 0)
		return fail_errno(e->f, EXIT_FAILURE_FOUND, errno, "%s/dev/shm", e->dir);
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		if (symlinkat(links[i][1], dev, links[i][0]) < 0) {
			snprintf(what, sizeof(what), "/dev/%s", links[i][0]);
			return fail_errno(e->f, EXIT_FAILURE_FOUND, errno, "%s%s", e->dir, what);
		}
	}
	return 0;
}

/* The caller's /etc/resolv.conf over the root's, when both are files. */
static int bind_resolv_conf(const struct entering *e)
{
	struct stat st;
	_cleanup_close_ int fd =
	    sandbox_open_in_root(e->fd, "/etc/resolv.conf", O_PATH | O_NOFOLLOW);

	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    access("/etc/resolv.conf", R_OK) < 0)
		return 0;
	if (sandbox_mount_bind("/etc/resolv.conf", false, 0, fd) < 0)
		return fail_mount(e, "/etc/resolv.conf", "/etc/resolv.conf");
	return 0;
}

/* Are a and b the same folder of the same mount? */
static bool same_place(int a, int b)
{
	struct statx sa, sb;

	return statx(a, "", AT_EMPTY_PATH, STATX_INO | STATX_MNT_ID, &sa) == 0 &&
	       statx(b, "", AT_EMPTY_PATH, STATX_INO | STATX_MNT_ID, &sb) == 0 &&
	       sa.stx_mnt_id == sb.stx_mnt_id && sa.stx_ino == sb.stx_ino;
}

static int bind_one(const struct entering *e, const struct sandbox_bind *b)
{
	/* Links followed as the command will follow them, in the root. */
	_cleanup_close_ int target = sandbox_open_in_root(e->fd, b->target, O_PATH);

	if (target < 0 && errno == ENOENT)
		return fail(
		    e->f, EXIT_FAILURE_FOUND,
		    "--bind %s: %s does not exist in the root (qbinfmt writes nothing into it: create it)",
		    b->source, b->target);
	if (target < 0)
		return fail_errno(e->f, EXIT_FAILURE_FOUND, errno, "--bind %s: %s in the root",
				  b->source, b->target);
	/* A bind over the root itself would lie under the chroot, unseen. */
	if (same_place(target, e->fd))
		return fail(e->f, EXIT_FAILURE_FOUND,
			    "--bind %s: %s is the root itself (bind onto a folder inside it)",
			    b->source, b->target);
	if (sandbox_mount_bind(b->source, true, 0, target) < 0)
		return fail_mount(e, b->source, b->target);
	return 0;
}

int sandbox_root_enter(const struct sandbox_root *root, struct failure *f)
{
	/* Opened here, in the sandbox's mount namespace: a descriptor from
	 * the caller's would lead to the host's mounts. */
	_cleanup_close_ int root_fd = open(root->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	struct entering e = {root_fd, root->dir, f};

	if (root_fd < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "--root %s", root->dir);
	_cleanup_close_ int proc = -1, dev = -1, sys = -1, tmp = -1;
	if ((proc = mount_point(&e, "/proc")) < 0 || (dev = mount_point(&e, "/dev")) < 0 ||
	    (sys = mount_point(&e, "/sys")) < 0 || (tmp = mount_point(&e, "/tmp")) < 0)
		return -1;
	_cleanup_close_ int proc_root = sandbox_mount_fs(
	    "proc", "", MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC, proc);
	if (proc_root < 0)
		return fail_mount(&e, "proc", "/proc");
	if (make_dev(&e, dev) < 0)
		return -1;
	/* Read-only throughout: as root of a namespace that maps the caller's
	 * own id, the command could otherwise write the host's cgroups (and
	 * securityfs, debugfs, configfs) where the caller could. */
	if (sandbox_mount_bind("/sys", true,
			       MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
				   MOUNT_ATTR_NOEXEC,
			       sys) < 0)
		return fail_mount(&e, "/sys", "/sys");
	_cleanup_close_ int tmp_root =
	    sandbox_mount_fs("tmpfs", "mode=1777", MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, tmp);
	if (tmp_root < 0)
		return fail_mount(&e, "tmpfs", "/tmp");
	if (bind_resolv_conf(&e) < 0)
		return -1;
	for (size_t i = 0; i < root->bind_count; i++)
		if (bind_one(&e, &root->binds[i]) < 0)
			return -1;
	/* chroot, not pivot_root: PID 1 keeps the host's root, which the
	 * launcher reaches through /proc/1/root for the emulator.  Into the
	 * folder the mounts were made in, not DIR looked up again. */
	if (fchdir(root_fd) < 0 || chroot(".") < 0 || chdir("/") < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "cannot enter %s", root->dir);
	return 0;
}
