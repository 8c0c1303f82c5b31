import { messages } from '../i18n.js';

/** Words every screen uses. */
export const common = messages({
  en: {
    loading: 'Loading…', empty: 'Nothing here yet.', retry: 'Try again', save: 'Save', cancel: 'Cancel', submit: 'Submit', search: 'Search',
    clear: 'Clear filters', next: 'Next page', previous: 'Previous page', close: 'Close', yes: 'Yes', no: 'No', all: 'All', none: 'None',
    error: 'Something went wrong', network: 'The server cannot be reached.', forbidden: 'Your role may not see this.', notFound: 'Not found.',
    fieldProblems: 'Please correct these fields:', saved: 'Saved.', total: 'Total', actions: 'Actions', details: 'Details',
  },
  ar: {
    loading: 'جارٍ التحميل…', empty: 'لا يوجد شيء هنا بعد.', retry: 'حاول مرة أخرى', save: 'حفظ', cancel: 'إلغاء', submit: 'إرسال', search: 'بحث',
    clear: 'مسح الفلاتر', next: 'الصفحة التالية', previous: 'الصفحة السابقة', close: 'إغلاق', yes: 'نعم', no: 'لا', all: 'الكل', none: 'لا شيء',
    error: 'حدث خطأ ما', network: 'لا يمكن الوصول إلى الخادم.', forbidden: 'دورك لا يسمح برؤية هذا.', notFound: 'غير موجود.',
    fieldProblems: 'يرجى تصحيح هذه الحقول:', saved: 'تم الحفظ.', total: 'الإجمالي', actions: 'إجراءات', details: 'تفاصيل',
  },
});
