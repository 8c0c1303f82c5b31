import { messages } from '../i18n.js';

/** Words every screen uses. */
export const common = messages({
  en: {
    loading: 'Loading…', empty: 'Nothing here yet.', retry: 'Try again', save: 'Save', cancel: 'Cancel', clear: 'Clear filters', next: 'Next page',
    previous: 'Previous page', pagination: 'Pages', yes: 'Yes', no: 'No', all: 'All', error: 'Something went wrong',
    network: 'The server cannot be reached. Check the connection and try again.', forbidden: 'Your role may not see this.', notFound: 'Not found.',
    stillRunning: 'The command is queued and still running: its service answers late. Reload the page in a moment to see its result.',
    fieldProblems: 'Please correct these fields:', firstOnly: 'Only the first {n} are listed: more are waiting. Deal with these, then reload.',
  },
  ar: {
    loading: 'جارٍ التحميل…', empty: 'لا يوجد شيء هنا بعد.', retry: 'حاول مرة أخرى', save: 'حفظ', cancel: 'إلغاء', clear: 'مسح الفلاتر', next: 'الصفحة التالية',
    previous: 'الصفحة السابقة', pagination: 'الصفحات', yes: 'نعم', no: 'لا', all: 'الكل', error: 'حدث خطأ ما',
    network: 'لا يمكن الوصول إلى الخادم. تحقّق من الاتصال وحاول مرة أخرى.', forbidden: 'دورك لا يسمح برؤية هذا.', notFound: 'غير موجود.',
    stillRunning: 'الأمر في الطابور وما زال قيد التنفيذ: خدمته تتأخر في الرد. أعد تحميل الصفحة بعد قليل لرؤية نتيجته.',
    fieldProblems: 'يرجى تصحيح هذه الحقول:', firstOnly: 'تُعرض أول {n} فقط: توجد عناصر أخرى تنتظر. أنجز هذه ثم أعد التحميل.',
  },
});
