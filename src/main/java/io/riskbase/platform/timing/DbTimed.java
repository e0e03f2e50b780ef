package io.riskbase.platform.timing;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository: time spent in its methods counts as database time of the request ({@code Server-Timing:
 * db;dur=…}, slow-request log, admin/performance) and feeds the {@code riskbase_db_call_seconds} timer. <b>Every
 * repository class carries it.</b> Nested calls between repositories are counted once. Flushes at transaction commit
 * happen in the service, outside the repository, and are not included.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface DbTimed {}
