package com.audiencesync.batch.jobs;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Names the job and execution in the log context of the thread that launches it, from the
 * moment its execution is created: Spring Batch's own "Job ... launched" and "completed"
 * lines, and the report printed after, carry them too ({@link LogContext}). The names
 * stay until the thread launches another execution.
 */
@Component
class LogContextRepository implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof JobRepository)) {
			return bean;
		}
		ProxyFactory proxy = new ProxyFactory(bean);
		proxy.addInterface(JobRepository.class);
		proxy.addAdvice((MethodInterceptor) (invocation) -> {
			Object result = invocation.proceed();
			if ("createJobExecution".equals(invocation.getMethod().getName())
					&& result instanceof JobExecution execution) {
				LogContext.job(execution.getJobInstance().getJobName(), execution.getId());
			}
			return result;
		});
		return proxy.getProxy();
	}

}
