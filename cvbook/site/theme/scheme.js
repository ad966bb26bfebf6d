try{var s=localStorage.getItem("cv-scheme");if(s==="light"||s==="dark")document.documentElement.dataset.scheme=s}catch(e){}
