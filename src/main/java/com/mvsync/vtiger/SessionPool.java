package com.mvsync.vtiger;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The logged-in sessions of one Vtiger connection, each lent to one call at a time. Vtiger serves the calls of one
 * sessionName one after another (webservice.php holds the PHP session for the whole request), so calls made at once
 * need a session each; earlier sessions of the user stay valid after later logins. A session is logged in only when a
 * call finds every existing one busy, and never more than {@code size}: that also bounds the calls a container makes
 * at once.
 */
final class SessionPool {

    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    /** Idle sessions, the most recently returned first: a sequential caller keeps using one session. */
    private final Deque<VtigerClient.Session> idle = new ArrayDeque<>();
    /** Sessions lent, idle or being logged in. */
    private int open;
    /** Any session logged in here (for {@link VtigerClient#session()}: who is logged in, which version). */
    private volatile VtigerClient.Session latest;

    SessionPool(int size) {
        this.size = Math.max(1, size);
    }

    int size() {
        return size;
    }

    /**
     * An idle session, else a new one from {@code login} while fewer than {@code size} exist, else the next one
     * returned. The caller gives it back with {@link #release} or {@link #drop}.
     */
    VtigerClient.Session acquire(Supplier<VtigerClient.Session> login) {
        lock.lock();
        try {
            while (true) {
                VtigerClient.Session session = idle.pollFirst();
                if (session != null) {
                    return session;
                }
                if (open < size) {
                    open++;
                    break;
                }
                try {
                    returned.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VtigerException(VtigerException.TIMEOUT, "interrupted while waiting for a Vtiger session",
                            "session", 0, e);
                }
            }
        } finally {
            lock.unlock();
        }
        return loggedIn(login);
    }

    /** A fresh session in the slot of one Vtiger reported lost (the caller still holds the slot). */
    VtigerClient.Session replace(Supplier<VtigerClient.Session> login) {
        return loggedIn(login);
    }

    private VtigerClient.Session loggedIn(Supplier<VtigerClient.Session> login) {
        try {
            VtigerClient.Session session = login.get();
            latest = session;
            return session;
        } catch (RuntimeException e) {
            drop();
            throw e;
        }
    }

    void release(VtigerClient.Session session) {
        lock.lock();
        try {
            idle.addFirst(session);
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Gives up a slot whose session is gone (its login failed): a waiting call may log in another. */
    void drop() {
        lock.lock();
        try {
            open--;
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    /** A session logged in here, logging one in (and returning it idle) when there is none yet. */
    VtigerClient.Session any(Supplier<VtigerClient.Session> login) {
        VtigerClient.Session known = latest;
        if (known != null) {
            return known;
        }
        VtigerClient.Session session = acquire(login);
        release(session);
        return session;
    }

    /** Sessions logged in (lent or idle), for tests and logs. */
    int open() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }
}
